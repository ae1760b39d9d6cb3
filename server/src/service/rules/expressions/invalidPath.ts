/**
 * `invalid-path`: a JSONPath that does not parse, in a path field (`InputPath`, `ResultPath`,
 * `ItemsPath`, `TimeoutSecondsPath`, Choice `Variable`...), in the value of a `.$` key of a payload
 * template, or as an argument of an intrinsic function. AWS rejects such a definition when it is
 * created. The problem points at the character where the path goes wrong.
 */
import { parseIntrinsic } from '../../../asl/intrinsics';
import { parsePath } from '../../../asl/jsonpath';
import type { JsonNode } from '../../../asl/model';
import type { Rule, RuleContext } from '../../rule';
import { jsonPathValueKind, sitesOf } from './sites';
import { sentence } from './messages';
import { contentSpan, valueSpan } from './stringSpan';

export const invalidPathRule: Rule = {
  name: 'invalid-path',
  codes: ['invalid-path'],
  checkState(state, context) {
    if (state.queryLanguage !== 'JSONPath' || state.node.type !== 'object') return;
    const sites = sitesOf(context.doc, state);
    for (const site of sites.paths) {
      if (site.value.type !== 'string') continue;
      const kind = jsonPathValueKind(site.value.value);
      if (kind === 'substitution') continue;
      if (kind === 'intrinsic' && site.spec.intrinsic) checkIntrinsicPaths(context, site.field, site.value);
      else if (kind === 'intrinsic') reportIntrinsicInPathField(context, site.field, site.value);
      else checkPath(context, site.field, site.value);
    }
    for (const template of sites.templates) {
      for (const entry of template.entries) {
        if (!entry.key.endsWith('.$') || entry.value?.type !== 'string') continue;
        const kind = jsonPathValueKind(entry.value.value);
        if (kind === 'path') checkPath(context, entry.key, entry.value);
        else if (kind === 'intrinsic') checkIntrinsicPaths(context, entry.key, entry.value);
      }
    }
  },
};

function checkPath(context: RuleContext, field: string, node: JsonNode): void {
  const text = node.value as string;
  const { error } = parsePath(text);
  if (!error) return;
  const span = error.length > 0 ? valueSpan(context.doc.text, node, error.offset, error.length) : contentSpan(node);
  context.report('invalid-path', {
    ...span,
    message: sentence(`Invalid path in \`${field}\`: ${error.message}`),
    data: { field, path: text },
  });
}

/** An intrinsic call where only a path is evaluated, e.g. a Choice rule's `Variable`. */
function reportIntrinsicInPathField(context: RuleContext, field: string, node: JsonNode): void {
  context.report('invalid-path', {
    ...contentSpan(node),
    message: `\`${field}\` must be a path starting with \`$\`; intrinsic functions are only evaluated in payload templates (keys ending in \`.$\`) and in \`ErrorPath\`/\`CausePath\`. Compute the value in an earlier state and refer to it here.`,
    data: { field, path: node.value as string },
  });
}

/** The syntax errors of the paths inside an intrinsic call; the call's own problems are `invalid-intrinsic`'s. */
function checkIntrinsicPaths(context: RuleContext, field: string, node: JsonNode): void {
  const text = node.value as string;
  const { error } = parseIntrinsic(text);
  if (!error?.inPath) return;
  context.report('invalid-path', {
    ...valueSpan(context.doc.text, node, error.offset, Math.max(1, error.length)),
    message: sentence(`Invalid path in an argument of the intrinsic function in \`${field}\`: ${error.message}`),
    data: { field },
  });
}
