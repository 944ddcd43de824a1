import { EngineError } from '../errors';
import { daysFromCivil, instantToZoneWallClock, isValidTimeZone } from './time-zone';
import type { DateOrder } from './types';
import { DAY_MS } from '../calendar';

export type { DateOrder };

export interface DateSniff {
  /** 'day-first' when some value's first field is > 12 and no value's second field is; 'month-first' in the mirror case; 'ambiguous' when numeric D/M vs M/D dates exist but neither ever happens; null when the column has no such dates (ISO, month names, compact YYYYMMDD, Excel serials ...). If BOTH happen (first > 12 in some values, second > 12 in others) the column is inconsistent: order null and `conflict: true`. */
  order: DateOrder | 'ambiguous' | null;
  conflict: boolean;
  /** The order to read the column with: `order` when decided, the majority on a conflict, else 'month-first'. */
  readOrder: DateOrder;
  /** true when values carry a UTC offset or Z */
  hasOffset: boolean;
  /** true when values carry offsets and every one is Z or +00:00: instants in UTC, not the store's own clock */
  utcOffsetsOnly: boolean;
  /** true when every parseable value is a number whose whole part is in 20000..80000 (Excel serial dates, 1900 date system; a fraction is the time of day) and none is another date form */
  excelSerial: boolean;
  /** a short human description of the form seen, e.g. "31/01/2011 14:22 (day first)", "2024-03-08 14:22:05 -0500", "8 Mar 2024", "19970101 (YYYYMMDD)" */
  description: string;
  /** values that no supported form parses (under readOrder); blank values are not counted */
  failures: number;
  /** up to 3 failing raw values */
  examples: string[];
  /** up to 3 example values that decided the order, e.g. ['31/01/2011']; on a conflict a day-first value, a month-first one, then another day-first */
  evidence: string[];
  /** distinct values that can only be day/month (`dayFirst`) or only month/day (`monthFirst`) */
  votes: { dayFirst: number; monthFirst: number };
}

export interface DateReadOptions {
  order: DateOrder;
  /** IANA zone of the store: values with an offset/Z are converted to this zone's wall clock; naive values are taken as already in it. When absent, every value keeps the wall clock as written (its own offset). */
  timeZone?: string;
  /** read plain numbers as Excel serial dates (1900 date system) */
  excelSerial?: boolean;
}

const EXCEL_EPOCH_DAYS = daysFromCivil(1899, 12, 31);
const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31

// Time of day after a date: hour, minute, second, fraction, a/p of AM/PM, offset.
const TIME = String.raw`(?:(?:[Tt]|,?\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?(?:\s*([Zz]|(?:UTC|GMT)?[+-]\d{2}(?::?\d{2})?|UTC|GMT))?)?`;
// 2024-03-08, 2024/03/08, 2024.03.08 (+ time)
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
// 31/01/2011, 1.31.2011, 31-01-11 (+ time)
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
// 01-Dec-2010, 1 Dec 2010, Sat, 08 Mar 2024 (+ time)
const DAY_MONTH_NAME = new RegExp(String.raw`^(?:([A-Za-z]{3,9})\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[-\s/.]+([A-Za-z]{3,9})\.?[-\s/.,]+(\d{4}|\d{2})${TIME}$`);
// Dec 1, 2010, December 1, 2010, Sat Mar 08 2024 (+ time)
const MONTH_NAME_DAY = new RegExp(String.raw`^(?:([A-Za-z]{3,9})\.?,?\s+)?([A-Za-z]{3,9})\.?[-\s/]+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+|-)(\d{4})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const EXCEL = /^\d{1,7}(?:\.\d+)?$/;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const enum Kind {
  None,
  YearFirst,
  Numeric,
  MonthName,
  Compact,
  Excel,
}

// Scratch results of the last scan: what matched and the UTC offset in minutes (NaN when none).
let scanKind = Kind.None;
let scanOffset = NaN;

/** Index in `names` of a full name or a 3-letter (or 'sept') abbreviation, any case; -1 when none. */
function nameIndex(text: string, names: readonly string[]): number {
  const length = text.length;
  if (length < 3) return -1;
  const c0 = text.charCodeAt(0) | 0x20;
  const c1 = text.charCodeAt(1) | 0x20;
  const c2 = text.charCodeAt(2) | 0x20;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name.charCodeAt(0) !== c0 || name.charCodeAt(1) !== c1 || name.charCodeAt(2) !== c2) continue;
    if (length === 3) return i;
    if (length === 4 && i === 8 && (text.charCodeAt(3) | 0x20) === 0x74) return i;
    if (length !== name.length) return -1;
    for (let k = 3; k < length; k++) if ((text.charCodeAt(k) | 0x20) !== name.charCodeAt(k)) return -1;
    return i;
  }
  return -1;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fullYear(text: string): number {
  const year = +text;
  if (text.length !== 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

/** Milliseconds of a date at midnight; NaN when the date does not exist. */
function dateMs(year: number, month: number, day: number): number {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day) * DAY_MS;
}

/** Milliseconds since midnight of the time groups starting at match[at]; sets scanOffset. */
function timeMs(match: RegExpExecArray, at: number): number {
  scanOffset = NaN;
  const hourText = match[at];
  if (hourText === undefined) return 0;
  let hour = +hourText;
  const minute = +match[at + 1];
  const secondText = match[at + 2];
  const second = secondText === undefined ? 0 : +secondText;
  if (minute > 59 || second > 59) return NaN;
  const meridiem = match[at + 4];
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return NaN;
    const pm = (meridiem.charCodeAt(0) | 0x20) === 0x70;
    if (pm && hour < 12) hour += 12;
    else if (!pm && hour === 12) hour = 0;
  } else if (hour > 23) {
    return NaN;
  }
  let ms = 0;
  const fraction = match[at + 3];
  // Fractions are cut to whole milliseconds, never rounded into the next second.
  if (fraction !== undefined) {
    ms = (fraction.charCodeAt(0) - 48) * 100;
    if (fraction.length > 1) ms += (fraction.charCodeAt(1) - 48) * 10;
    if (fraction.length > 2) ms += fraction.charCodeAt(2) - 48;
  }
  const offset = match[at + 5];
  if (offset !== undefined) {
    const minutes = offsetMinutes(offset);
    if (Number.isNaN(minutes)) return NaN;
    scanOffset = minutes;
  }
  return hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/** Minutes east of UTC of 'Z', 'UTC', 'GMT', '+01:00', '-0500', '+05', 'GMT+0100'. */
function offsetMinutes(offset: string): number {
  let at = 0;
  const first = offset.charCodeAt(0);
  if (first !== 0x2b && first !== 0x2d) {
    if (offset.length <= 3) return 0;
    at = 3;
  }
  const sign = offset.charCodeAt(at) === 0x2d ? -1 : 1;
  const hours = twoDigits(offset, at + 1);
  let rest = at + 3;
  if (offset.charCodeAt(rest) === 0x3a) rest++;
  const minutes = rest < offset.length ? twoDigits(offset, rest) : 0;
  if (hours > 18 || minutes > 59) return NaN;
  return sign * (hours * 60 + minutes);
}

function excelMs(text: string): number {
  const serial = +text;
  const whole = Math.floor(serial);
  // Serial 60 is 29 February 1900, which Excel invented (Lotus 1-2-3 took 1900 for a leap year).
  if (whole < 1 || whole > EXCEL_MAX_SERIAL || whole === 60) return NaN;
  const days = EXCEL_EPOCH_DAYS + (whole < 60 ? whole : whole - 1);
  return days * DAY_MS + Math.round((serial - whole) * DAY_MS);
}

/** Wall-clock ms of a value as written, its offset left in scanOffset; NaN when no form reads it. */
function scan(text: string, order: DateOrder, excelSerial: boolean): number {
  scanKind = Kind.None;
  scanOffset = NaN;
  const length = text.length;
  if (length < 6) {
    if (excelSerial && length > 0 && EXCEL.test(text)) {
      scanKind = Kind.Excel;
      return excelMs(text);
    }
    return NaN;
  }
  const c0 = text.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const c4 = text.charCodeAt(4);
    if (c4 === 0x2d || c4 === 0x2f || c4 === 0x2e) {
      const m = YEAR_FIRST.exec(text);
      if (m !== null) {
        scanKind = Kind.YearFirst;
        return dateMs(+m[1], +m[3], +m[4]) + timeMs(m, 5);
      }
    }
    if (excelSerial && EXCEL.test(text)) {
      scanKind = Kind.Excel;
      return excelMs(text);
    }
    if (length === 8) {
      const m = COMPACT.exec(text);
      if (m !== null) {
        const year = +m[1];
        if (year < 1900 || year > 2100) return NaN;
        scanKind = Kind.Compact;
        return dateMs(year, +m[2], +m[3]);
      }
    }
    let m = NUMERIC.exec(text);
    if (m !== null) {
      scanKind = Kind.Numeric;
      const first = +m[1];
      const second = +m[3];
      const year = fullYear(m[4]);
      const date = order === 'day-first' ? dateMs(year, second, first) : dateMs(year, first, second);
      return date + timeMs(m, 5);
    }
    m = DAY_MONTH_NAME.exec(text);
    if (m !== null) {
      scanKind = Kind.MonthName;
      return dateMs(fullYear(m[4]), nameIndex(m[3], MONTHS) + 1, +m[2]) + timeMs(m, 5);
    }
    return NaN;
  }
  let m = MONTH_NAME_DAY.exec(text);
  if (m !== null) {
    if (m[1] !== undefined && nameIndex(m[1], WEEKDAYS) < 0) return NaN;
    scanKind = Kind.MonthName;
    return dateMs(+m[4], nameIndex(m[2], MONTHS) + 1, +m[3]) + timeMs(m, 5);
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m !== null) {
    if (m[1] !== undefined && nameIndex(m[1], WEEKDAYS) < 0) return NaN;
    scanKind = Kind.MonthName;
    return dateMs(fullYear(m[4]), nameIndex(m[3], MONTHS) + 1, +m[2]) + timeMs(m, 5);
  }
  return NaN;
}

/**
 * Epoch milliseconds of the wall-clock date-time as written (local time encoded as if UTC); NaN
 * when unparseable. Never rolls over (31 Feb and 24:00:01 are NaN); years 0001-9999 are kept exactly.
 * Reads ISO 8601 (`2024-03-08T13:22:05.123Z`, `2024-03-08 14:22:05 +0100`), `YYYY/MM/DD`, numeric
 * D/M/Y or M/D/Y (per options.order) with `/`, `.` or `-` and 2- or 4-digit years (< 70 -> 20xx),
 * 12-hour times (`2:22 PM`), compact `YYYYMMDD` (years 1900-2100), English month names
 * (`01-Dec-2010`, `Dec 1, 2010`, `Sat, 08 Mar 2024 14:22:05 GMT`) and, with options.excelSerial,
 * Excel serial numbers (1900 system; serial 60, the fictitious 29 Feb 1900, is NaN). With
 * options.timeZone a value carrying an offset is converted to that zone's wall clock. A weekday
 * name must be a weekday but is not checked against the date; fractions of a second are truncated
 * to milliseconds.
 * @throws EngineError INVALID_OPTION when options.timeZone is not a known zone
 * @example
 * parseDateTime('31/01/2011 14:22', { order: 'day-first' }) === Date.UTC(2011, 0, 31, 14, 22)
 * parseDateTime('2024-03-08T13:22:05Z', { order: 'month-first', timeZone: 'Europe/Paris' }) === Date.UTC(2024, 2, 8, 14, 22, 5)
 */
export function parseDateTime(text: string, options: DateReadOptions): number {
  const timeZone = options.timeZone;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new EngineError('INVALID_OPTION', `"${timeZone}" is not a time zone this system knows (use an IANA name such as Europe/London).`, { timeZone });
  }
  const wall = scan(text.trim(), options.order, options.excelSerial === true);
  if (Number.isNaN(wall) || Number.isNaN(scanOffset) || timeZone === undefined) return wall;
  return instantToZoneWallClock(wall - scanOffset * 60_000, timeZone);
}

const KIND_COUNT = 6;

function describe(kind: Kind, example: string, order: DateSniff['order'], mixed: readonly string[]): string {
  switch (kind) {
    case Kind.None:
      return 'no recognised dates';
    case Kind.Numeric:
      if (order === 'day-first') return `${example} (day first)`;
      if (order === 'month-first') return `${example} (month first)`;
      if (order === 'ambiguous') return `${example} (day or month first: no value tells)`;
      // Neither form is "the" form: name one value of each.
      return `day-first (${mixed[0]}) and month-first (${mixed[1]}) values mixed`;
    case Kind.Compact:
      return `${example} (YYYYMMDD)`;
    case Kind.Excel:
      return `${example} (Excel serial date)`;
    case Kind.YearFirst:
    case Kind.MonthName:
      return example;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/**
 * Sniffs the date format of a whole column from its distinct values: whether numeric dates put
 * the day or the month first (and which values show it), whether values carry UTC offsets and
 * whether the column holds Excel serial numbers. Blank values are skipped.
 * @example
 * sniffDateFormat(['31/01/2011', '02/03/2011']).order === 'day-first'
 */
export function sniffDateFormat(values: readonly string[]): DateSniff {
  const counts = new Array<number>(KIND_COUNT).fill(0);
  const firstOfKind = new Array<string>(KIND_COUNT).fill('');
  let dayVotes = 0;
  let monthVotes = 0;
  let excelCandidates = 0;
  let hasOffset = false;
  let nonZeroOffset = false;
  const dayEvidence: string[] = [];
  const monthEvidence: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === '') continue;
    const asMonthFirst = scan(value, 'month-first', false);
    let kind = scanKind;
    if (!Number.isNaN(scanOffset)) {
      hasOffset = true;
      if (scanOffset !== 0) nonZeroOffset = true;
    }
    if (kind === Kind.Numeric) {
      const asDayFirst = scan(value, 'day-first', false);
      const dayOk = !Number.isNaN(asDayFirst);
      const monthOk = !Number.isNaN(asMonthFirst);
      if (dayOk && !monthOk) {
        dayVotes++;
        if (dayEvidence.length < 3) dayEvidence.push(value);
      } else if (monthOk && !dayOk) {
        monthVotes++;
        if (monthEvidence.length < 3) monthEvidence.push(value);
      } else if (!dayOk) {
        kind = Kind.None;
      }
    } else if (kind === Kind.None && EXCEL.test(value)) {
      const whole = Math.floor(+value);
      if (whole >= 20_000 && whole <= 80_000) {
        excelCandidates++;
        kind = Kind.Excel;
      }
    }
    // A value that looks like a form but names no real date (2024-02-30) is a failure, not a form.
    if (Number.isNaN(asMonthFirst) && kind !== Kind.Numeric && kind !== Kind.Excel) kind = Kind.None;
    if (counts[kind]++ === 0) firstOfKind[kind] = value;
  }
  const conflict = dayVotes > 0 && monthVotes > 0;
  let order: DateSniff['order'] = null;
  if (!conflict) {
    if (dayVotes > 0) order = 'day-first';
    else if (monthVotes > 0) order = 'month-first';
    else if (counts[Kind.Numeric] > 0) order = 'ambiguous';
  }
  const readOrder: DateOrder = order === 'day-first' || (conflict && dayVotes > monthVotes) ? 'day-first' : 'month-first';
  const otherForms = counts[Kind.YearFirst] + counts[Kind.Numeric] + counts[Kind.MonthName] + counts[Kind.Compact];
  const excelSerial = excelCandidates > 0 && otherForms === 0;
  let failures = 0;
  const examples: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === '') continue;
    if (Number.isNaN(scan(value, readOrder, excelSerial))) {
      failures++;
      if (examples.length < 3) examples.push(raw);
    }
  }
  let evidence: string[];
  if (conflict) evidence = [dayEvidence[0], monthEvidence[0], ...dayEvidence.slice(1, 2)];
  else evidence = order === 'day-first' ? dayEvidence : order === 'month-first' ? monthEvidence : [];
  let dominant = Kind.None;
  for (const kind of [Kind.YearFirst, Kind.Numeric, Kind.MonthName, Kind.Compact, Kind.Excel]) {
    if (kind === Kind.Excel && !excelSerial) continue;
    if (counts[kind] > counts[dominant] || (dominant === Kind.None && counts[kind] > 0)) dominant = kind;
  }
  const example = dominant === Kind.Numeric && evidence.length > 0 && !conflict ? evidence[0] : firstOfKind[dominant];
  return {
    order,
    conflict,
    readOrder,
    hasOffset,
    utcOffsetsOnly: hasOffset && !nonZeroOffset,
    excelSerial,
    description: describe(dominant, example, order, evidence),
    failures,
    examples,
    evidence,
    votes: { dayFirst: dayVotes, monthFirst: monthVotes },
  };
}
