import { getPropertyValue } from '../../../asl/jsonNode';
import { spanOf, type Rule } from '../../rule';
import { lacksTransition } from './stateFlow';

/**
 * `missing-transition`: a Task, Pass, Wait, Parallel or Map state must say where the execution goes
 * next (`Next`) or that it ends there (`"End": true`). States with a missing or unknown `Type` are
 * left to the schema: their rules are unknown.
 */
export const missingTransitionRule: Rule = {
  name: 'missing-transition',
  codes: ['missing-transition'],
  modelOnly: true,
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
