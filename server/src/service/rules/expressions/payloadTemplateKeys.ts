/**
 * `duplicate-key` in payload templates: `x` and `x.$` in the same object of a JSONPath payload
 * template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, ...) both produce the field
 * `x`, because Step Functions drops the `.$` suffix when it evaluates the template. AWS rejects such
 * a definition ("Cannot have both the field 'x.$' and the field 'x' at the same time"). In JSONata
 * states a `.$` suffix is part of the key, so there is no clash.
 */
import { properties } from '../../../asl/jsonNode';
import type { JsonNode } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';
import { payloadTemplates } from './sites';

export const payloadTemplateKeysRule: Rule = {
  name: 'payload-template-keys',
  codes: ['duplicate-key'],
  check({ doc, report }) {
    for (const state of doc.states) {
      if (state.queryLanguage !== 'JSONPath' || state.node.type !== 'object') continue;
      for (const template of payloadTemplates(state)) {
        for (const object of templateObjects(template.node)) {
          const seen = new Map<string, { key: string; node: JsonNode }>();
          for (const [key, , property] of properties(object)) {
            const field = key.endsWith('.$') ? key.slice(0, -2) : key;
            const keyNode = property.children![0];
            const first = seen.get(field);
            if (!first) {
              seen.set(field, { key, node: keyNode });
            } else if (first.key !== key) {
              report('duplicate-key', {
                ...spanOf(keyNode),
                message: `\`${key}\` and \`${first.key}\` both set the field \`${field}\`: the \`.$\` suffix only says the value is evaluated. Keep one of them.`,
                data: { key: field },
                related: [{ ...spanOf(first.node), message: `\`${first.key}\` is defined here.` }],
              });
            }
          }
        }
      }
    }
  },
};

/** The objects of a template, nested ones and those inside arrays included; `.$` values are expressions, not walked. */
function templateObjects(template: JsonNode): JsonNode[] {
  const objects: JsonNode[] = [];
  const stack: JsonNode[] = [template];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'array') {
      for (const child of node.children ?? []) stack.push(child);
    } else if (node.type === 'object') {
      objects.push(node);
      for (const [key, value] of properties(node)) {
        if (value && !key.endsWith('.$')) stack.push(value);
      }
    }
  }
  return objects.sort((a, b) => a.offset - b.offset);
}
