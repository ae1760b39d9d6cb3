/**
 * `invalid-value`: a Wait state's `Timestamp` that AWS does not accept. AWS requires the RFC 3339
 * profile of ISO 8601 with an uppercase `T` between date and time and an uppercase `Z` for UTC,
 * e.g. `2016-03-14T01:59:00Z`; a numeric offset (`+01:00`) and fractions of a second are allowed.
 */
import { getPropertyValue } from '../../../asl/jsonNode';
import { isJsonataExpression } from '../../../asl/schema';
import { spanOf, type Rule } from '../../rule';
import { hasSubstitution } from './substitutions';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const EXAMPLE = '`2016-03-14T01:59:00Z`';

export const waitTimestampRule: Rule = {
  name: 'wait-timestamp',
  codes: ['invalid-value'],
  checkState(state, { report }) {
    if (state.type !== 'Wait') return;
    const node = getPropertyValue(state.node, 'Timestamp');
    if (node?.type !== 'string') return;
    const value = node.value as string;
    if (hasSubstitution(value) || (state.queryLanguage === 'JSONata' && isJsonataExpression(value))) return;
    const problem = timestampProblem(value);
    if (problem) report('invalid-value', { ...spanOf(node), message: problem, data: { field: 'Timestamp', value } });
  },
};

/** Why AWS rejects a timestamp, or undefined when it accepts it. */
export function timestampProblem(value: string): string | undefined {
  const match = RFC3339.exec(value);
  if (!match) {
    if (RFC3339.test(value.toUpperCase())) {
      return `\`${value}\` is not a timestamp AWS accepts: the \`T\` between date and time and the \`Z\` must be uppercase, e.g. ${EXAMPLE}.`;
    }
    return `\`${value}\` is not an RFC 3339 timestamp: write e.g. ${EXAMPLE}, with an uppercase \`T\` between date and time and \`Z\` or an offset such as \`+01:00\` at the end.`;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetHour = match[7] === undefined ? 0 : Number(match[7]);
  const offsetMinute = match[8] === undefined ? 0 : Number(match[8]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 &&
    offsetHour <= 23 && offsetMinute <= 59;
  return valid ? undefined : `\`${value}\` is not a valid date and time.`;
}
