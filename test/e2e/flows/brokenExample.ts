/**
 * The problems a user sees in examples/broken.asl.json, one per deliberate mistake in it. Each entry
 * names a rule that exists; the line numbers are those of the example file.
 */
import type { ExpectedProblem } from './expect';

export const BROKEN_EXAMPLE = 'broken.asl.json';

export const DUPLICATE_KEY: ExpectedProblem = { code: 'duplicate-key', line: 9, severity: 'Error', says: ['`TimeoutSeconds`'] };
export const UNKNOWN_NEXT: ExpectedProblem = {
  code: 'unknown-state',
  line: 27,
  severity: 'Error',
  says: ['`Cancel Ordr`', 'did you mean `Cancel Order`?'],
};
export const MISSPELT_FIELD: ExpectedProblem = {
  code: 'unknown-field',
  line: 22,
  severity: 'Error',
  says: ['`ResultPth`', 'did you mean `ResultPath`?'],
};
/** A warning rather than the default info: examples/.vscode/settings.json raises it. */
export const CHOICE_WITHOUT_DEFAULT: ExpectedProblem = {
  code: 'choice-no-default',
  line: 31,
  severity: 'Warning',
  says: ['`Payment Accepted?`', '`Default`'],
};
export const MISSING_TRANSITION: ExpectedProblem = {
  code: 'missing-transition',
  line: 37,
  severity: 'Error',
  says: ['`Send Receipt`', '`"Next": "Archive Order"`', '`"End": true`'],
};
export const TRAILING_COMMA: ExpectedProblem = { code: 'json-syntax', line: 63, severity: 'Error', says: [''] };

export const BROKEN_EXAMPLE_PROBLEMS: ExpectedProblem[] = [
  TRAILING_COMMA,
  DUPLICATE_KEY,
  MISSPELT_FIELD,
  UNKNOWN_NEXT,
  MISSING_TRANSITION,
  { code: 'unreachable-state', line: 54, severity: 'Error', says: ['`Notify Warehouse`'] },
  { code: 'invalid-path', line: 42, severity: 'Error', says: ['`Message.$`', 'Unclosed `[`'] },
  { code: 'no-dollar', line: 19, severity: 'Warning', says: ['`orderId`', '`orderId.$`'] },
  { code: 'unknown-error-name', line: 24, severity: 'Error', says: ['`States.Timout`', 'did you mean `States.Timeout`?'] },
  CHOICE_WITHOUT_DEFAULT,
];
