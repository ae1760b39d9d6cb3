/**
 * The comparison operators of JSONPath Choice rules and the operand each one takes. Source: "Choice
 * Rules (JSONPath)" in the AWS Step Functions developer guide.
 */

/** What an operator compares `Variable` with. */
export type OperandKind =
  /** A literal string. */
  | 'string'
  /** A literal number. */
  | 'number'
  /** A literal boolean. */
  | 'boolean'
  /** An RFC 3339 timestamp string, e.g. `2016-08-18T17:33:00Z`. */
  | 'timestamp'
  /** A path to the value to compare with (the `...Path` operators). */
  | 'path'
  /** `true` or `false`: whether the type test (`IsNull`, `IsPresent`, ...) should hold. */
  | 'test';

const ORDERINGS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];

function comparisons(prefix: string, operand: OperandKind): [string, OperandKind][] {
  return ORDERINGS.flatMap((ordering): [string, OperandKind][] => [
    [`${prefix}${ordering}`, operand],
    [`${prefix}${ordering}Path`, 'path'],
  ]);
}

/** Every comparison operator, with its operand. */
export const COMPARISON_OPERATORS: ReadonlyMap<string, OperandKind> = new Map<string, OperandKind>([
  ...comparisons('String', 'string'),
  ['StringMatches', 'string'],
  ...comparisons('Numeric', 'number'),
  ...comparisons('Timestamp', 'timestamp'),
  ['BooleanEquals', 'boolean'],
  ['BooleanEqualsPath', 'path'],
  ['IsNull', 'test'],
  ['IsPresent', 'test'],
  ['IsNumeric', 'test'],
  ['IsString', 'test'],
  ['IsBoolean', 'test'],
  ['IsTimestamp', 'test'],
]);

/** The operators that combine nested rules. */
export const BOOLEAN_OPERATORS: readonly string[] = ['And', 'Or', 'Not'];

/** The fields of a JSONata Choice rule. */
export const JSONATA_RULE_FIELDS: readonly string[] = ['Condition', 'Next', 'Assign', 'Output', 'Comment'];

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 timestamp as Step Functions reads it: an uppercase `T` between date and time, and an
 * uppercase `Z` or a numeric offset, e.g. `2016-08-18T17:33:00Z` or `2016-08-18T17:33:00.5+02:00`.
 */
export function isRfc3339Timestamp(text: string): boolean {
  const match = RFC3339.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  // RFC 3339 allows a leap second (60).
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (match[7] !== undefined && (Number(match[7]) > 23 || Number(match[8]) > 59)) return false;
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
