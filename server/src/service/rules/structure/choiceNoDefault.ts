import { getProperty } from '../../../asl/jsonNode';
import { spanOf, type Rule } from '../../rule';

/**
 * `choice-no-default` (info): without `Default`, a Choice state whose rules all fail to match
 * fails the execution with `States.NoChoiceMatched`. Often intended, so only a hint-level note.
 */
export const choiceNoDefaultRule: Rule = {
  name: 'choice-no-default',
  codes: ['choice-no-default'],
  checkState(state, { report }) {
    if (state.type !== 'Choice' || state.node.type !== 'object') return;
    if (getProperty(state.node, 'Default')) return;
    report('choice-no-default', {
      ...spanOf(state.nameNode),
      message: `Choice state \`${state.name}\` has no \`Default\`: when no rule matches, the execution fails with \`States.NoChoiceMatched\`.`,
      data: { state: state.name },
    });
  },
};
