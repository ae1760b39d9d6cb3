/**
 * `no-path`: in a JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`,
 * `Credentials`, `Assign`, ...), a key ending in `.$` says its value is to be evaluated, so the
 * value must be a string holding a path (`$.field`, `$$.Context`, `$variable`) or an intrinsic
 * function call (`States.Format(...)`). AWS rejects anything else when the definition is created.
 */
import { spanOf, type Rule } from '../../rule';
import { jsonPathValueKind, sitesOf } from './sites';
import { contentSpan } from './stringSpan';

export const noPathRule: Rule = {
  name: 'no-path',
  codes: ['no-path'],
  checkState(state, { doc, report }) {
    if (state.queryLanguage !== 'JSONPath' || state.node.type !== 'object') return;
    for (const template of sitesOf(doc, state).templates) {
      for (const { key, value } of template.entries) {
        if (!key.endsWith('.$') || !value) continue;
        const plain = key.slice(0, -2);
        if (value.type !== 'string') {
          report('no-path', {
            ...spanOf(value),
            message: `\`${key}\` must hold a path or an intrinsic function as a string, not ${jsonKind(value.type)}; to pass the value as it is, name the key \`${plain}\`.`,
            data: { key, replacement: plain },
          });
          continue;
        }
        if (jsonPathValueKind(value.value) !== 'other') continue;
        const shown = value.value.length > 40 ? `${value.value.slice(0, 40)}…` : value.value;
        report('no-path', {
          ...contentSpan(value),
          message: `\`${key}\` must hold a path (\`$.field\`, \`$$.Execution.Id\`, \`$variable\`) or an intrinsic function (\`States.Format(...)\`), not \`${shown}\`; to pass the text as it is, name the key \`${plain}\`.`,
          data: { key, replacement: plain },
        });
      }
    }
  },
};

function jsonKind(type: string): string {
  switch (type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return type;
  }
}
