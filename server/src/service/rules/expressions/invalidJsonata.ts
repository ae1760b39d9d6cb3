/**
 * `invalid-jsonata`: a JSONata expression that Step Functions rejects, in any field of a JSONata
 * state that it evaluates (`Arguments`, `Output`, `Assign`, `Condition`, `Items`, `TimeoutSeconds`,
 * `Error`, ..., at any depth of objects and arrays):
 * - a syntax error, located where the `jsonata` parser (the 2.0.6 release AWS runs) stops;
 * - a string with only one of the `{%` and `%}` delimiters, which AWS would take as literal text;
 * - a read of the context value at the top level (`phone`, `$.phone`, `$$`): Step Functions gives
 *   expressions no context value, the state input is `$states.input`;
 * - `$states` fields that do not exist, and `$states.errorOutput` outside a catcher;
 * - `$eval`, which Step Functions does not provide (`$parse` reads JSON text).
 * `Comment` fields and other literal text are never read as JSONata.
 */
import {
  boundNames,
  delimiterProblem,
  isJsonataString,
  parseJsonataString,
  STATES_FIELDS,
  statesReferences,
  topLevelContextReferences,
  variableReads,
  type JsonataNode,
} from '../../../asl/jsonata';
import type { JsonNode } from '../../../asl/model';
import type { Rule, RuleContext } from '../../rule';
import { closest, didYouMean } from '../../suggest';
import { sentence } from './messages';
import { hasSubstitution, sitesOf } from './sites';
import { valueSpan } from './stringSpan';

export const invalidJsonataRule: Rule = {
  name: 'invalid-jsonata',
  codes: ['invalid-jsonata'],
  checkState(state, context) {
    if (state.queryLanguage !== 'JSONata' || state.node.type !== 'object') return;
    for (const site of sitesOf(context.doc, state).jsonata) {
      const inCatcher = site.field.startsWith('Catch[]');
      for (const node of site.strings) checkString(context, site.field, node, inCatcher);
    }
  },
};

function checkString(context: RuleContext, field: string, node: JsonNode, inCatcher: boolean): void {
  const value = node.value as string;
  if (hasSubstitution(value)) return;
  const at = (offset: number, length: number) => valueSpan(context.doc.text, node, offset, length);
  if (!isJsonataString(value)) {
    const problem = delimiterProblem(value);
    if (problem) context.report('invalid-jsonata', { ...at(problem.offset, problem.length), message: problem.message, data: { field } });
    return;
  }
  const parsed = parseJsonataString(value);
  if (parsed.error) {
    context.report('invalid-jsonata', {
      ...at(parsed.error.offset, parsed.error.length),
      message: sentence(`Invalid JSONata expression in \`${field}\`: ${parsed.error.message}`),
      data: { field, code: parsed.error.code },
    });
    return;
  }
  const ast = parsed.ast!;
  const base = parsed.expressionOffset;
  for (const ref of topLevelContextReferences(ast)) {
    const replacement = ref.kind === 'name' ? `$states.input.${ref.name}` : '$states.input';
    const what = ref.kind === 'name' ? `\`${ref.name}\` reads a field of the context value` : `\`${ref.name}\` is the context value`;
    context.report('invalid-jsonata', {
      ...at(base + ref.offset, ref.length),
      message: `${what}, which JSONata expressions in Step Functions do not have at the top level: the state input is \`${replacement}\`.`,
      data: { field, replacement },
    });
  }
  for (const ref of statesReferences(ast)) checkStatesField(context, field, ref, base, at, inCatcher);
  checkUnavailableFunctions(context, field, ast, base, at);
}

function checkStatesField(
  context: RuleContext,
  field: string,
  ref: ReturnType<typeof statesReferences>[number],
  base: number,
  at: (offset: number, length: number) => { offset: number; length: number },
  inCatcher: boolean,
): void {
  if (!ref.field) return;
  const name = ref.field.name;
  if (!(STATES_FIELDS as readonly string[]).includes(name)) {
    const suggestions = closest(name, STATES_FIELDS);
    context.report('invalid-jsonata', {
      ...at(base + ref.field.offset, ref.field.length),
      message: `\`$states.${name}\` does not exist: \`$states\` has \`input\`, \`result\`, \`errorOutput\` and \`context\`${suggestions.length > 0 ? didYouMean(suggestions) : '.'}`,
      data: { field, suggestions: suggestions.map((s) => `$states.${s}`) },
    });
  } else if (name === 'errorOutput' && !inCatcher) {
    context.report('invalid-jsonata', {
      ...at(base + ref.field.offset, ref.field.length),
      message: '`$states.errorOutput` only exists in the `Output` and `Assign` of a catcher (`Catch`), where it holds the error that was caught.',
      data: { field },
    });
  }
}

function checkUnavailableFunctions(
  context: RuleContext,
  field: string,
  ast: JsonataNode,
  base: number,
  at: (offset: number, length: number) => { offset: number; length: number },
): void {
  const reads = variableReads(ast).filter((ref) => ref.name === 'eval');
  if (reads.length === 0 || boundNames(ast).has('eval')) return;
  for (const ref of reads) {
    context.report('invalid-jsonata', {
      ...at(base + ref.offset, ref.length),
      message: '`$eval` is not available in Step Functions; to read JSON text, use `$parse`.',
      data: { field, replacement: '$parse' },
    });
  }
}
