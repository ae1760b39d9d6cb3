/**
 * `mutually-exclusive-fields`: fields that give the same setting two ways, of which AWS accepts only
 * one (`TimeoutSeconds` and `TimeoutSecondsPath`, a Fail state's `Error` and `ErrorPath`, ...).
 * Also `missing-field` for a group of which exactly one is required and none is there (a Wait state
 * needs `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`).
 *
 * The groups are annotations of the ASL schema (`x-mutually-exclusive`, `x-one-required`).
 */
import { getProperty, keyOf } from '../../../asl/jsonNode';
import type { JsonNode, QueryLanguage } from '../../../asl/model';
import { resolveSchema, type JsonSchema } from '../../../asl/schema';
import { spanOf, type Rule, type RuleContext } from '../../rule';
import { nodeAnchor } from './locate';
import { capitalize, orList, quoted } from './phrases';
import { schemaObjectsOf, type SchemaObject } from './stateObjects';

export const mutuallyExclusiveFieldsRule: Rule = {
  name: 'mutually-exclusive-fields',
  codes: ['mutually-exclusive-fields', 'missing-field'],
  checkState(state, context) {
    for (const object of schemaObjectsOf(context.doc, state)) {
      for (const group of object.schema['x-mutually-exclusive'] ?? []) {
        reportTogether(context, object, group, false);
      }
      for (const group of object.schema['x-one-required'] ?? []) {
        if (!reportTogether(context, object, group, true)) reportNone(context, object, group, object.state.queryLanguage);
      }
    }
  },
};

/**
 * Reports each field of the group after the first one present; returns whether any is present.
 * A field of the other query language than the state's is left out of the pairs: the
 * `query-language-field` rule reports it, and one problem on a field is enough.
 */
function reportTogether(context: RuleContext, object: SchemaObject, group: readonly string[], exactlyOne: boolean): boolean {
  let anyPresent = false;
  let usable: JsonNode[] | undefined;
  for (const field of group) {
    const property = getProperty(object.node, field);
    if (!property) continue;
    anyPresent = true;
    const only = fieldSchema(object.schema, field)?.['x-query-language'];
    if (only === undefined || only === object.state.queryLanguage) (usable ??= []).push(property);
  }
  if (!usable) return anyPresent;
  const [first, ...others] = usable.sort((a, b) => a.offset - b.offset);
  const firstName = keyOf(first).value as string;
  for (const other of others) {
    const name = keyOf(other).value as string;
    const rule = exactlyOne
      ? `${objectPhrase(object.schema)} takes exactly one of ${orList(quoted(group))}`
      : 'use one or the other';
    context.report('mutually-exclusive-fields', {
      ...spanOf(keyOf(other)),
      message: `\`${name}\` cannot be used together with \`${firstName}\`; ${rule}.`,
      data: { fields: [firstName, name] },
      related: [{ ...spanOf(keyOf(first)), message: `\`${firstName}\` is set here.` }],
    });
  }
  return true;
}

function reportNone(context: RuleContext, object: SchemaObject, group: readonly string[], queryLanguage: QueryLanguage): void {
  // Offer only what this state may use: not fields of the other query language, not deprecated ones.
  const usable = group.filter((field) => {
    const schema = fieldSchema(object.schema, field);
    const only = schema?.['x-query-language'];
    return schema !== undefined && schema['x-replaced-by'] === undefined && (only === undefined || only === queryLanguage);
  });
  const fields = usable.length > 0 ? usable : [...group];
  const which = fields.length <= 2 ? orList(quoted(fields)) : `one of ${orList(quoted(fields))}`;
  context.report('missing-field', {
    ...nodeAnchor(object.node),
    message: `${capitalize(objectPhrase(object.schema))} requires ${which}.`,
    data: { field: fields[0], fields },
  });
}

function fieldSchema(schema: JsonSchema, field: string): JsonSchema | undefined {
  const property = schema.properties?.[field];
  return property ? resolveSchema(property) : undefined;
}

function objectPhrase(schema: JsonSchema): string {
  return schema.title ?? 'this object';
}
