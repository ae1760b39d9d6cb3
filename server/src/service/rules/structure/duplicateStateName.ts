import type { State } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';
import { scopeFromOutside } from './messageWords';

/**
 * `duplicate-state-name`: state names must be unique across the whole state machine, nested
 * Parallel branches and Map processors included. A name repeated inside one `States` object is a
 * repeated JSON key, already reported as `duplicate-key`.
 */
export const duplicateStateNameRule: Rule = {
  name: 'duplicate-state-name',
  codes: ['duplicate-state-name'],
  modelOnly: true,
  check({ doc, report }) {
    const first = new Map<string, State>();
    for (const state of doc.states) {
      const earlier = first.get(state.name);
      if (!earlier) {
        first.set(state.name, state);
        continue;
      }
      if (earlier.scope === state.scope) continue;
      report('duplicate-state-name', {
        ...spanOf(state.nameNode),
        message: `The state name \`${state.name}\` is already used in ${scopeFromOutside(earlier.scope)}: state names must be unique across the whole state machine, nested states included.`,
        data: { name: state.name },
        related: [{ ...spanOf(earlier.nameNode), message: `\`${state.name}\` is first defined here.` }],
      });
    }
  },
};
