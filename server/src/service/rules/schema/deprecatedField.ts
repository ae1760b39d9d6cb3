/**
 * `deprecated-field`: fields AWS has replaced and keeps accepting, such as a Map state's `Iterator`
 * (now `ItemProcessor`) and `Parameters` (now `ItemSelector`). The replacements are annotations of
 * the ASL schema (`x-replaced-by`).
 */
import { properties } from '../../../asl/jsonNode';
import { resolveSchema } from '../../../asl/schema';
import type { Rule } from '../../rule';
import { keySpan } from './locate';
import { stateObjects } from './stateObjects';

export const deprecatedFieldRule: Rule = {
  name: 'deprecated-field',
  codes: ['deprecated-field'],
  check({ doc, report }) {
    for (const state of doc.states) {
      for (const object of stateObjects(state)) {
        for (const [field, , property] of properties(object.node)) {
          const schema = object.schema.properties?.[field];
          const replacement = schema && resolveSchema(schema)['x-replaced-by'];
          if (!replacement) continue;
          report('deprecated-field', {
            ...keySpan(property),
            message: `\`${field}\` is deprecated; use \`${replacement}\` instead.`,
            data: { field, replacement },
          });
        }
      }
    }
  },
};
