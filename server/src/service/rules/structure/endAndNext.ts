import { getProperty, keyOf } from '../../../asl/jsonNode';
import { spanOf, type Rule } from '../../rule';

/**
 * `end-and-next`: a state either moves on (`Next`) or ends its scope (`"End": true`), never both.
 * The later of the two keys is underlined, the other one is related information.
 */
export const endAndNextRule: Rule = {
  name: 'end-and-next',
  codes: ['end-and-next'],
  checkState(state, { report }) {
    // Choice, Succeed and Fail take neither field: the schema reports them as `unknown-field`.
    if (!state.end || state.type === 'Choice' || state.type === 'Succeed' || state.type === 'Fail') return;
    const next = getProperty(state.node, 'Next');
    const end = getProperty(state.node, 'End');
    if (!next || !end) return;
    const [first, later] = next.offset < end.offset ? [next, end] : [end, next];
    const laterKey = keyOf(later).value as string;
    const firstKey = keyOf(first).value as string;
    report('end-and-next', {
      ...spanOf(keyOf(later)),
      message: `\`${state.name}\` has both \`Next\` and \`"End": true\`: keep \`Next\` to move on, or \`End\` to end here.`,
      data: { state: state.name },
      related: [{ ...spanOf(keyOf(first)), message: `\`${firstKey}\` is set here too; remove it or \`${laterKey}\`.` }],
    });
  },
};
