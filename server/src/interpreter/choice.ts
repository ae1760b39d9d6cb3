/** Choice rules in JSONPath mode: every comparison operator, `And`/`Or`/`Not`, and AWS's type rules. */
import type { Json, JsonObject } from './types';
import { isObject } from './json';
import { timestampKey } from './timestamps';

/** Reads a path for a rule (`Variable` or an operator's `...Path`); MISSING when nothing is there. */
export type PathReader = (path: string, field: string) => Json | undefined;

const COMPARISONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;
type Comparison = (typeof COMPARISONS)[number];

function compare(kind: Comparison, a: number | string | boolean | [number, number], b: typeof a): boolean {
  let order: number;
  if (Array.isArray(a) && Array.isArray(b)) order = a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
  else if (typeof a === 'string' && typeof b === 'string') order = a < b ? -1 : a > b ? 1 : 0;
  else if (typeof a === 'number' && typeof b === 'number') order = a - b;
  else order = a === b ? 0 : NaN;
  switch (kind) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

/** `*` matches any run of characters; `\*` and `\\` are a literal star and backslash. */
export function stringMatches(value: string, pattern: string): boolean {
  let regex = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      regex += escapeRegex(pattern[++i]);
    } else if (c === '*') {
      regex += '[\\s\\S]*';
    } else {
      regex += escapeRegex(c);
    }
  }
  return new RegExp(regex + '$').test(value);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Which operator a rule uses (the one key besides Variable, Next, Assign, Output, Comment). */
export function operatorOf(rule: JsonObject): string | undefined {
  for (const key of Object.keys(rule)) {
    if (key !== 'Variable' && key !== 'Next' && key !== 'Comment' && key !== 'Assign' && key !== 'Output') return key;
  }
  return undefined;
}

export class ChoiceRuleError extends Error {}

/**
 * Evaluates a JSONPath-mode rule. Values of the wrong type make a comparison false, as in AWS; a
 * missing `Variable` is false for `IsPresent` and an error for every other operator.
 */
export function evaluateRule(rule: JsonObject, read: PathReader): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => isObject(r) && evaluateRule(r, read));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => isObject(r) && evaluateRule(r, read));
  if (isObject(rule.Not)) return !evaluateRule(rule.Not, read);
  const operator = operatorOf(rule);
  if (!operator || typeof rule.Variable !== 'string') throw new ChoiceRuleError('A Choice rule needs a `Variable` and a comparison operator.');
  const value = read(rule.Variable, 'Variable');
  if (operator === 'IsPresent') return (value !== undefined) === rule.IsPresent;
  if (value === undefined) throw new ChoiceRuleError(`Invalid path '${rule.Variable}': the choice state's input does not contain it`);
  let operand = rule[operator];
  let op = operator;
  if (op.endsWith('Path')) {
    op = op.slice(0, -4);
    if (typeof operand !== 'string') return false;
    const resolved = read(operand, operator);
    if (resolved === undefined) throw new ChoiceRuleError(`Invalid path '${operand}': the choice state's input does not contain it`);
    operand = resolved;
  }
  switch (op) {
    case 'IsNull':
      return (value === null) === operand;
    case 'IsBoolean':
      return (typeof value === 'boolean') === operand;
    case 'IsNumeric':
      return (typeof value === 'number') === operand;
    case 'IsString':
      return (typeof value === 'string') === operand;
    case 'IsTimestamp':
      return (timestampKey(value as string) !== undefined) === operand;
    case 'BooleanEquals':
      return typeof value === 'boolean' && value === operand;
    case 'StringMatches':
      return typeof value === 'string' && typeof operand === 'string' && stringMatches(value, operand);
  }
  for (const kind of COMPARISONS) {
    if (op === `String${kind}`) {
      return typeof value === 'string' && typeof operand === 'string' && compare(kind, value, operand);
    }
    if (op === `Numeric${kind}`) {
      return typeof value === 'number' && typeof operand === 'number' && compare(kind, value, operand);
    }
    if (op === `Timestamp${kind}`) {
      const a = typeof value === 'string' ? timestampKey(value) : undefined;
      const b = typeof operand === 'string' ? timestampKey(operand) : undefined;
      return a !== undefined && b !== undefined && compare(kind, a, b);
    }
  }
  throw new ChoiceRuleError(`\`${operator}\` is not a Choice rule operator.`);
}
