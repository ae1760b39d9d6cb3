/**
 * `invalid-reference-path`: a path that parses but is not a reference path where ASL requires one.
 * `ResultPath`, `ItemsPath`, the `...Path` fields of Task, Wait, Fail and Map states, and the
 * `Variable` and `...Path` operands of Choice rules must each identify a single node: only `.field`,
 * `['field']` and `[index]` steps, without filters, wildcards, slices, unions, recursive descent,
 * scripts or functions. `ResultPath` also says where the result is written into the state's
 * output, so it must start at `$`: it cannot write to the context object (`$$`) or to a variable.
 */
import { firstNonReferenceSegment, isContextPath, isVariablePath, parsePath, type PathSegment } from '../../../asl/jsonpath';
import type { Rule } from '../../rule';
import { jsonPathValueKind, sitesOf } from './sites';
import { contentSpan, valueSpan } from './stringSpan';

export const invalidReferencePathRule: Rule = {
  name: 'invalid-reference-path',
  codes: ['invalid-reference-path'],
  checkState(state, { doc, report }) {
    if (state.queryLanguage !== 'JSONPath' || state.node.type !== 'object') return;
    for (const { field, spec, value } of sitesOf(doc, state).paths) {
      if (!spec.reference || value.type !== 'string') continue;
      const kind = jsonPathValueKind(value.value);
      if (kind !== 'path') continue;
      const { path } = parsePath(value.value);
      if (!path) continue;
      if (spec.writes && (isContextPath(path) || isVariablePath(path))) {
        const target = isContextPath(path)
          ? 'the context object (`$$`), which is read-only'
          : 'a variable (variables are set with `Assign`)';
        report('invalid-reference-path', {
          ...contentSpan(value),
          message: `\`${field}\` says where the result goes in the state's output, so it must start with \`$\`; it cannot write to ${target}.`,
          data: { field, reason: isContextPath(path) ? 'context' : 'variable' },
        });
        continue;
      }
      const segment = firstNonReferenceSegment(path);
      if (!segment) continue;
      report('invalid-reference-path', {
        ...valueSpan(doc.text, value, segment.offset, segment.length),
        message: `\`${field}\` must be a reference path, which selects a single node: ${describeSegment(segment)} is not allowed.`,
        data: { field, segment: segment.kind },
      });
    }
  },
};

function describeSegment(segment: PathSegment): string {
  if (segment.descendant) return 'recursive descent `..`';
  switch (segment.kind) {
    case 'wildcard':
      return 'a wildcard `*`';
    case 'slice':
      return 'a slice `[start:end]`';
    case 'union':
      return 'a union of several fields or indexes';
    case 'filter':
      return 'a filter `[?(...)]`';
    case 'script':
      return 'an index expression `[(...)]`';
    case 'function':
      return `the function \`${segment.name}()\``;
    default:
      return 'this step';
  }
}
