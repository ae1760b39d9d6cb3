/**
 * `no-dollar` (a warning): text that Step Functions passes on literally although it reads like it was
 * meant to be evaluated.
 * - In a JSONPath payload template, a value that reads like a path (`"$.order.id"`,
 *   `"$$.Execution.Id"`) or an intrinsic call (`"States.Format(...)"`) under a key that does not end
 *   in `.$`. Text that merely starts with `$` (`"$USD"`, `"$customerName"`) is not reported: it is as
 *   likely to be meant literally.
 * - In a JSONata state, a key ending in `.$`: JSONata states evaluate `{% %}` strings only, so the key
 *   keeps its `.$` and its value is literal text (AWS accepts the definition as such).
 */
import { looksLikeIntrinsic, parseIntrinsic } from '../../../asl/intrinsics';
import { parsePath } from '../../../asl/jsonpath';
import { spanOf, type Rule } from '../../rule';
import { hasSubstitution, sitesOf } from './sites';
import { contentSpan } from './stringSpan';

export const noDollarRule: Rule = {
  name: 'no-dollar',
  codes: ['no-dollar'],
  checkState(state, { doc, report }) {
    if (state.node.type !== 'object') return;
    if (state.queryLanguage === 'JSONata') {
      for (const site of sitesOf(doc, state).jsonata) {
        for (const { key, keyNode } of site.entries) {
          if (!key.endsWith('.$')) continue;
          const plain = key.slice(0, -2);
          report('no-dollar', {
            ...spanOf(keyNode),
            message: `In a JSONata state, \`${key}\` is an ordinary key and its value is passed on as it is, not evaluated as a path: name the key \`${plain}\` and write the value as a JSONata expression, e.g. \`{% $states.input.${plain} %}\`.`,
            data: { key, replacement: plain },
          });
        }
      }
      return;
    }
    for (const template of sitesOf(doc, state).templates) {
      for (const { key, value } of template.entries) {
        if (key.endsWith('.$') || value?.type !== 'string') continue;
        const what = evaluatedLookingValue(value.value);
        if (!what) continue;
        report('no-dollar', {
          ...contentSpan(value),
          message: `\`${key}\` holds ${what}, but it is passed on as literal text because the key does not end in \`.$\`; to evaluate it, name the key \`${key}.$\`.`,
          data: { key, replacement: `${key}.$` },
        });
      }
    }
  },
};

/** "a path", "an intrinsic function call", or undefined for text that is not clearly either. */
function evaluatedLookingValue(value: string): string | undefined {
  if (hasSubstitution(value)) return undefined;
  if (/^\$\$?(\.|\[|$)/.test(value)) {
    if (value === '$') return undefined;
    return parsePath(value).path ? 'a path' : undefined;
  }
  if (value.startsWith('States.') && looksLikeIntrinsic(value)) {
    return parseIntrinsic(value).call ? 'an intrinsic function call' : undefined;
  }
  return undefined;
}
