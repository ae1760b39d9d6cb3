/**
 * ISO-8601 "extended offset date-time" strings as Step Functions accepts them in Wait states and
 * Timestamp comparisons: `2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123+02:00`. A zone is required.
 */
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds, or undefined when the string is not a valid timestamp. */
export function parseTimestamp(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (zone !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 18 || om > 59) return undefined;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Nanosecond-precision comparison key: equal instants compare equal whatever their zone. */
export function timestampKey(text: string): [number, number] | undefined {
  const millis = parseTimestamp(text);
  if (millis === undefined) return undefined;
  const fraction = PATTERN.exec(text)![7] ?? '';
  return [millis, Number(fraction.padEnd(9, '0').slice(3))];
}
