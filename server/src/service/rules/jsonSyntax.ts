import type { Rule } from '../rule';

/** `json-syntax`: every parse error `jsonc-parser` recovered from. */
export const jsonSyntaxRule: Rule = {
  name: 'json-syntax',
  codes: ['json-syntax'],
  check({ doc, report }) {
    for (const error of doc.syntaxErrors) {
      report('json-syntax', { offset: error.offset, length: Math.max(error.length, 1), message: error.message });
    }
    if (!doc.root && doc.syntaxErrors.length === 0) {
      report('json-syntax', { offset: 0, length: 0, message: 'The document is empty: a state machine is a JSON object.' });
    }
  },
};
