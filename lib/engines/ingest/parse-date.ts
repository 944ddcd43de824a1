import type { DateOrder } from './types';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const SLASH = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

function build(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Reject dates such as 31 February, which Date.UTC would roll over.
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

/**
 * Parse a transaction timestamp to epoch milliseconds of its wall-clock time (as UTC).
 * Accepts `2010-12-01 08:26:00`, `2010-12-01T08:26`, `12/1/2010 8:26` (month first, the
 * default) and `1/12/2010 8:26` with dateOrder 'day-first'. Returns NaN when unparseable.
 * @example
 * parseDate('12/1/2010 8:26') === Date.UTC(2010, 11, 1, 8, 26)
 */
export function parseDate(text: string, order: DateOrder = 'month-first'): number {
  const value = text.trim();
  let m = ISO.exec(value);
  if (m) {
    return build(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  }
  m = SLASH.exec(value);
  if (m) {
    const first = +m[1];
    const second = +m[2];
    let year = +m[3];
    if (m[3].length === 2) year += year < 70 ? 2000 : 1900;
    let hour = m[4] ? +m[4] : 0;
    const meridiem = m[7]?.toLowerCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return NaN;
      if (meridiem === 'pm' && hour < 12) hour += 12;
      if (meridiem === 'am' && hour === 12) hour = 0;
    }
    const [month, day] = order === 'day-first' ? [second, first] : [first, second];
    return build(year, month, day, hour, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  }
  return NaN;
}
