/**
 * `invalid-intrinsic`: an intrinsic function call that AWS rejects: a function that does not exist
 * (with the closest names), a wrong number of arguments, a literal argument of the wrong type
 * (`States.MathAdd(1, '-1')`), broken quoting or nesting, and the value rules the functions state
 * (hash algorithms, `States.Format` placeholders, a `States.ArrayRange` step of 0...). Calls are read
 * where Step Functions evaluates them: the values of `.$` keys in JSONPath payload templates, and
 * `ErrorPath`/`CausePath`.
 */
import { checkIntrinsic, parseIntrinsic } from '../../../asl/intrinsics';
import type { JsonNode } from '../../../asl/model';
import type { Rule, RuleContext } from '../../rule';
import { closest } from '../../suggest';
import { jsonPathValueKind, sitesOf } from './sites';
import { sentence } from './messages';
import { valueSpan } from './stringSpan';

export const invalidIntrinsicRule: Rule = {
  name: 'invalid-intrinsic',
  codes: ['invalid-intrinsic'],
  checkState(state, context) {
    if (state.queryLanguage !== 'JSONPath' || state.node.type !== 'object') return;
    const sites = sitesOf(context.doc, state);
    for (const site of sites.paths) {
      if (site.spec.intrinsic && site.value.type === 'string' && jsonPathValueKind(site.value.value) === 'intrinsic') {
        checkCall(context, site.field, site.value);
      }
    }
    for (const template of sites.templates) {
      for (const entry of template.entries) {
        if (entry.key.endsWith('.$') && entry.value?.type === 'string' && jsonPathValueKind(entry.value.value) === 'intrinsic') {
          checkCall(context, entry.key, entry.value);
        }
      }
    }
  },
};

function checkCall(context: RuleContext, field: string, node: JsonNode): void {
  const text = node.value as string;
  const { call, error } = parseIntrinsic(text);
  if (error) {
    // Syntax errors inside a path argument are `invalid-path`'s.
    if (error.inPath) return;
    context.report('invalid-intrinsic', {
      ...valueSpan(context.doc.text, node, error.offset, Math.max(1, error.length)),
      message: sentence(`Invalid intrinsic function in \`${field}\`: ${error.message}`),
      data: { field },
    });
    return;
  }
  for (const problem of checkIntrinsic(call!, (name, candidates) => closest(name, candidates))) {
    context.report('invalid-intrinsic', {
      ...valueSpan(context.doc.text, node, problem.offset, problem.length),
      message: sentence(problem.message),
      data: { field, ...problem.data },
    });
  }
}
