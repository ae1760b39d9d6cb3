/**
 * `duplicate-key` in payload templates: `x` and `x.$` in the same object of a JSONPath payload
 * template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, ...) both produce the field
 * `x`, because Step Functions drops the `.$` suffix when it evaluates the template. AWS rejects such
 * a definition ("Cannot have both the field 'x.$' and the field 'x' at the same time"). In JSONata
 * states a `.$` suffix is part of the key, so there is no clash.
 */
import type { JsonNode } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';
import { sitesOf, type TemplateEntry } from './sites';

export const payloadTemplateKeysRule: Rule = {
  name: 'payload-template-keys',
  codes: ['duplicate-key'],
  checkState(state, { doc, report }) {
    if (state.queryLanguage !== 'JSONPath' || state.node.type !== 'object') return;
    for (const template of sitesOf(doc, state).templates) {
      for (const entries of entriesByObject(template.entries)) {
        const seen = new Map<string, { key: string; node: JsonNode }>();
        for (const { key, keyNode } of entries) {
          const field = key.endsWith('.$') ? key.slice(0, -2) : key;
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
  },
};

/**
 * The entries of a template grouped by the object they are in, the objects in document order (the
 * entries come in the order of their keys, and an object's first key comes before those of the
 * objects nested in it).
 */
function entriesByObject(entries: readonly TemplateEntry[]): TemplateEntry[][] {
  const byObject = new Map<JsonNode | undefined, TemplateEntry[]>();
  for (const entry of entries) {
    const object = entry.keyNode.parent?.parent;
    let list = byObject.get(object);
    if (!list) byObject.set(object, (list = []));
    list.push(entry);
  }
  return [...byObject.values()];
}
