import { getProperty, getPropertyValue } from '../../../asl/jsonNode';
import { STATE_TYPES, type State, type StateType } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';

/** Types that need `Next` or `End`: all but Choice (rules and `Default`), Succeed and Fail (always terminal). */
const MOVING_TYPES: ReadonlySet<string> = new Set<StateType>(
  STATE_TYPES.filter((type) => type !== 'Choice' && type !== 'Succeed' && type !== 'Fail'),
);

/** A Task, Pass, Wait, Parallel or Map state with no `Next` and no `"End": true`. */
export function lacksTransition(state: State): boolean {
  if (state.node.type !== 'object' || !state.type || !MOVING_TYPES.has(state.type)) return false;
  if (getProperty(state.node, 'Next')) return false;
  // A non-boolean `End` is a type error reported by the schema, not a missing transition.
  const end = getPropertyValue(state.node, 'End');
  return !end || end.value === false;
}

/**
 * `missing-transition`: a Task, Pass, Wait, Parallel or Map state must say where the execution goes
 * next (`Next`) or that it ends there (`"End": true`). States with a missing or unknown `Type` are
 * left to the schema: their rules are unknown.
 */
export const missingTransitionRule: Rule = {
  name: 'missing-transition',
  codes: ['missing-transition'],
  check({ doc, report }) {
    for (const scope of doc.scopes) {
      scope.stateList.forEach((state, position) => {
        if (!lacksTransition(state)) return;
        const endFalse = getPropertyValue(state.node, 'End')?.value === false;
        const following = scope.stateList[position + 1];
        const nextCandidate = following && following.name !== state.name ? following.name : null;
        const next = nextCandidate ? `\`"Next": "${nextCandidate}"\`` : 'a `Next`';
        const message = endFalse
          ? `\`${state.name}\` has \`"End": false\` and no \`Next\`: add ${next} or set \`"End": true\`.`
          : `\`${state.name}\` has neither \`Next\` nor \`End\`: add ${next} or \`"End": true\`.`;
        report('missing-transition', {
          ...spanOf(state.nameNode),
          message,
          data: { state: state.name, nextCandidate },
        });
      });
    }
  },
};
