import { keyOf } from '../../asl/jsonNode';
import { spanOf, type Rule } from '../rule';

/**
 * `duplicate-key`: AWS rejects a definition whose object repeats a key, even where a JSON parser
 * would quietly keep the last value.
 */
export const duplicateKeyRule: Rule = {
  name: 'duplicate-key',
  codes: ['duplicate-key'],
  check({ doc, report }) {
    for (const duplicate of doc.duplicateKeys) {
      const key = keyOf(duplicate.property);
      const first = keyOf(duplicate.first);
      report('duplicate-key', {
        ...spanOf(key),
        message: `Duplicate key \`${duplicate.key}\`.`,
        data: { key: duplicate.key },
        related: [{ ...spanOf(first), message: `\`${duplicate.key}\` is first defined here.` }],
      });
    }
  },
};
