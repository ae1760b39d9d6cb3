import { hasSubstitution, isTerminal } from '../../../asl/graph-analysis';
import { getProperty, keyOf } from '../../../asl/jsonNode';
import type { Scope } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';
import { hasIncompleteTransition, hasKnownType, lacksTransition } from './stateFlow';
import { thisScope } from './messageWords';

/**
 * `no-terminal-state`: every scope (the state machine, each Parallel branch, each Map processor)
 * needs a state that ends it: `"End": true`, Succeed or Fail. Not reported where the fix is likely
 * elsewhere: a state lacking both `Next` and `End` (`missing-transition`: the missing `End`), a
 * transition to a state that does not exist yet (`unknown-state`: it may be the terminal one), a
 * state whose `Type` or transition is malformed or still being typed.
 */
export const noTerminalStateRule: Rule = {
  name: 'no-terminal-state',
  codes: ['no-terminal-state'],
  modelOnly: true,
  check({ doc, report }) {
    for (const scope of doc.scopes) {
      if (scope.stateList.length === 0) continue;
      if (scope.stateList.some((state) => isTerminal(state) || lacksTransition(state))) continue;
      if (namesMissingState(scope)) continue;
      // A state of unknown type may be meant as a Succeed or Fail state; a half-typed `Next` may
      // be meant as `End`: the schema and syntax errors come first.
      if (scope.stateList.some((state) => !hasKnownType(state) || hasIncompleteTransition(state))) continue;
      const statesKey = getProperty(scope.node, 'States');
      if (!statesKey) continue;
      const where = thisScope(scope);
      report('no-terminal-state', {
        ...spanOf(keyOf(statesKey)),
        message: `${where[0].toUpperCase()}${where.slice(1)} has no terminal state, so it can never finish: end one state with \`"End": true\`, or add a Succeed or Fail state.`,
        data: { scope: scope.kind },
      });
    }
  },
};

/** A transition of the scope names a state that exists nowhere in it (template substitutions aside). */
function namesMissingState(scope: Scope): boolean {
  return scope.stateList.some((state) =>
    state.transitions.some((t) => !scope.states.has(t.target) && !hasSubstitution(t.target)),
  );
}
