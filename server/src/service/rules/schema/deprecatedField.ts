/**
 * `deprecated-field`: fields AWS has replaced and keeps accepting, such as a Map state's `Iterator`
 * (now `ItemProcessor`) and `Parameters` (now `ItemSelector`). The replacements are annotations of
 * the ASL schema (`x-replaced-by`).
 */
import { getProperty, keyOf } from '../../../asl/jsonNode';
import { resolveSchema, type JsonSchema } from '../../../asl/schema';
import { spanOf, type Rule } from '../../rule';
import { schemaObjectsOf } from './stateObjects';

export const deprecatedFieldRule: Rule = {
  name: 'deprecated-field',
  codes: ['deprecated-field'],
  checkState(state, { doc, report }) {
    for (const object of schemaObjectsOf(doc, state)) {
      for (const [field, replacement] of replacedFields(object.schema)) {
        const property = getProperty(object.node, field);
        if (!property) continue;
        report('deprecated-field', {
          ...spanOf(keyOf(property)),
          message: `\`${field}\` is deprecated; use \`${replacement}\` instead.`,
          data: { field, replacement },
        });
      }
    }
  },
};

const replacedByObject = new Map<JsonSchema, [string, string][]>();

/** The deprecated fields of an object schema, each with the field that replaces it. */
function replacedFields(schema: JsonSchema): [string, string][] {
  let fields = replacedByObject.get(schema);
  if (!fields) {
    fields = [];
    for (const [name, field] of Object.entries(schema.properties ?? {})) {
      const replacement = resolveSchema(field)['x-replaced-by'];
      if (replacement) fields.push([name, replacement]);
    }
    replacedByObject.set(schema, fields);
  }
  return fields;
}
