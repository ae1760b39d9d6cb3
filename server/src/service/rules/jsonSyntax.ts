import type { Rule } from '../rule';

/** `json-syntax`: every parse error `jsonc-parser` recovered from. */
export const jsonSyntaxRule: Rule = {
  name: 'json-syntax',
  codes: ['json-syntax'],
  check({ doc, report }) {
    for (const error of doc.syntaxErrors) {
      report('json-syntax', { offset: error.offset, length: Math.max(error.length, 1), message: error.message });
    }
  },
};
