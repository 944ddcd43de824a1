import { EngineError } from '../errors';

export type DecimalSeparator = '.' | ',';
export type ThousandsSeparator = ',' | '.' | ' ' | '\u00a0' | '\u202f' | "'";

export interface NumberFormat {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator | null;
}

export interface NumberSniff {
  format: NumberFormat;
  /** true when no value decides between decimal '.' and ',' (e.g. only "1,249" or only integers) */
  ambiguous: boolean;
  /** ISO 4217 code when symbols/codes seen in the values name one currency unambiguously (£ GBP, € EUR, ¥ JPY, ₹ INR, CHF, "EUR", "usd" ...), else null */
  currency: string | null;
  /** the symbol seen, e.g. '$' (ambiguous between USD/CAD/AUD), else null; ISO codes such as "EUR" are not symbols */
  currencySymbol: string | null;
  /** true when the values name more than one currency (e.g. "£12" and "EUR 3"); currency is then null */
  currencyConflict: boolean;
  /** values that fail to parse under the chosen format (blank values are not counted) */
  failures: number;
  /** up to 3 failing raw values */
  examples: string[];
}

// Values at or beyond this size are not amounts: they are IDs, barcodes or corrupt cells.
const LIMIT = 1e15;
const PLAIN = /^-?\d+(?:\.\d+)?$/;
const SCIENTIFIC = /^(\d*)(?:\.(\d+))?[eE]([+-]?\d{1,3})$/;

const ISO_CODES = new Set(
  ('USD EUR GBP JPY CNY INR CAD AUD NZD CHF SEK NOK DKK ISK PLN CZK HUF RON BGN RSD BAM MKD ALL MDL UAH BYN RUB TRY ' +
    'GEL AMD AZN KZT UZS ILS AED SAR QAR KWD BHD OMR JOD LBP EGP MAD TND DZD ZAR NGN KES GHS UGX TZS ETB XAF XOF XPF ' +
    'BRL MXN ARS CLP COP PEN UYU PYG BOB VES CRC GTQ DOP JMD TTD HKD SGD TWD KRW THB VND PHP IDR MYR PKR BDT LKR NPR ' +
    'MMK KHR MNT FJD').split(' '),
);

/** A currency sign as written, the currency it names (null when several) and those it may mean. */
interface CurrencySign {
  text: string;
  code: string | null;
  compatible: readonly string[];
}

const DOLLAR_CODES = ['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN', 'ARS', 'CLP', 'COP', 'TWD', 'FJD', 'JMD', 'TTD'];

// Longest first, so that 'US$' wins over '$' and 'CHF' over a bare ISO code look-up.
const SIGNS: readonly CurrencySign[] = [
  { text: 'US$', code: 'USD', compatible: ['USD'] },
  { text: 'CA$', code: 'CAD', compatible: ['CAD'] },
  { text: 'AU$', code: 'AUD', compatible: ['AUD'] },
  { text: 'NZ$', code: 'NZD', compatible: ['NZD'] },
  { text: 'HK$', code: 'HKD', compatible: ['HKD'] },
  { text: 'R$', code: 'BRL', compatible: ['BRL'] },
  { text: 'C$', code: 'CAD', compatible: ['CAD'] },
  { text: 'A$', code: 'AUD', compatible: ['AUD'] },
  { text: 'S$', code: 'SGD', compatible: ['SGD'] },
  { text: 'zł', code: 'PLN', compatible: ['PLN'] },
  { text: 'Kč', code: 'CZK', compatible: ['CZK'] },
  { text: 'kr', code: null, compatible: ['SEK', 'NOK', 'DKK', 'ISK'] },
  { text: '$', code: null, compatible: DOLLAR_CODES },
  { text: '£', code: 'GBP', compatible: ['GBP'] },
  { text: '€', code: 'EUR', compatible: ['EUR'] },
  { text: '¥', code: 'JPY', compatible: ['JPY', 'CNY'] },
  { text: '₹', code: 'INR', compatible: ['INR'] },
  { text: '₩', code: 'KRW', compatible: ['KRW'] },
  { text: '₽', code: 'RUB', compatible: ['RUB'] },
  { text: '₺', code: 'TRY', compatible: ['TRY'] },
  { text: '₪', code: 'ILS', compatible: ['ILS'] },
  { text: '₫', code: 'VND', compatible: ['VND'] },
  { text: '₱', code: 'PHP', compatible: ['PHP'] },
  { text: '฿', code: 'THB', compatible: ['THB'] },
  { text: '₴', code: 'UAH', compatible: ['UAH'] },
  { text: '₦', code: 'NGN', compatible: ['NGN'] },
];

/** The ISO codes a currency as the engines report it may stand for: a code itself, or a sign's currencies ('$': USD, CAD, ...); empty when unknown. */
export function currenciesMeant(currency: string): readonly string[] {
  const upper = currency.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(upper)) return [upper];
  return SIGNS.find((sign) => sign.text === currency.trim())?.compatible ?? [];
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Spaces used to group digits: space, no-break space, narrow no-break space, thin space. */
function isSpaceGroup(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019;
}

/** Whitespace trimmed around a value (String.prototype.trim's set, for the characters seen in exports). */
function isTrimmable(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0xfeff;
}

function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

// Scratch state of the last locateBody call: the numeric body is text[bodyStart, bodyEnd).
let bodyStart = 0;
let bodyEnd = 0;
let negative = false;
let sign: CurrencySign | null = null;
let signCode: string | null = null;

function currencyAt(text: string, at: number, end: number): number {
  for (const candidate of SIGNS) {
    if (text.startsWith(candidate.text, at) && at + candidate.text.length <= end) {
      const after = at + candidate.text.length;
      if (isLetter(candidate.text.charCodeAt(candidate.text.length - 1)) && after < end && isLetter(text.charCodeAt(after))) continue;
      sign = candidate;
      signCode = candidate.code;
      return candidate.text.length;
    }
  }
  if (at + 3 <= end && isLetter(text.charCodeAt(at)) && isLetter(text.charCodeAt(at + 1)) && isLetter(text.charCodeAt(at + 2))) {
    if (at + 3 < end && isLetter(text.charCodeAt(at + 3))) return 0;
    const code = text.slice(at, at + 3).toUpperCase();
    if (!ISO_CODES.has(code)) return 0;
    sign = null;
    signCode = code;
    return 3;
  }
  return 0;
}

function currencyBefore(text: string, start: number, end: number): number {
  for (const candidate of SIGNS) {
    const at = end - candidate.text.length;
    if (at >= start && text.startsWith(candidate.text, at)) {
      if (isLetter(candidate.text.charCodeAt(0)) && at > start && isLetter(text.charCodeAt(at - 1))) continue;
      // 'A$' and friends also end in '$': the longer sign is tried first.
      sign = candidate;
      signCode = candidate.code;
      return candidate.text.length;
    }
  }
  const at = end - 3;
  if (at >= start && isLetter(text.charCodeAt(at)) && isLetter(text.charCodeAt(at + 1)) && isLetter(text.charCodeAt(at + 2))) {
    if (at > start && isLetter(text.charCodeAt(at - 1))) return 0;
    const code = text.slice(at, end).toUpperCase();
    if (!ISO_CODES.has(code)) return 0;
    sign = null;
    signCode = code;
    return 3;
  }
  return 0;
}

/**
 * Strips spaces, parentheses, the sign and one currency sign or code, leaving the digits and
 * separators in text[bodyStart, bodyEnd). False when the value is blank or malformed around them.
 */
function locateBody(text: string): boolean {
  let start = 0;
  let end = text.length;
  negative = false;
  sign = null;
  signCode = null;
  while (start < end && isTrimmable(text.charCodeAt(start))) start++;
  while (end > start && isTrimmable(text.charCodeAt(end - 1))) end--;
  if (start === end) return false;
  for (let k = start; k < end; k++) if (isControl(text.charCodeAt(k))) return false;
  let parenthesised = false;
  if (text.charCodeAt(start) === 0x28 && text.charCodeAt(end - 1) === 0x29) {
    parenthesised = true;
    negative = true;
    start++;
    end--;
    while (start < end && isSpaceGroup(text.charCodeAt(start))) start++;
    while (end > start && isSpaceGroup(text.charCodeAt(end - 1))) end--;
  }
  let signed = false;
  let c = text.charCodeAt(start);
  if (c === 0x2d || c === 0x2b || c === 0x2212) {
    if (parenthesised) return false;
    signed = true;
    negative = c !== 0x2b;
    start++;
  }
  const prefix = currencyAt(text, start, end);
  if (prefix > 0) {
    start += prefix;
    while (start < end && isSpaceGroup(text.charCodeAt(start))) start++;
    c = text.charCodeAt(start);
    if (c === 0x2d || c === 0x2b || c === 0x2212) {
      if (parenthesised || signed) return false;
      negative = c !== 0x2b;
      start++;
    }
  } else {
    const suffix = currencyBefore(text, start, end);
    if (suffix > 0) {
      end -= suffix;
      while (end > start && isSpaceGroup(text.charCodeAt(end - 1))) end--;
    }
  }
  if (start >= end) return false;
  bodyStart = start;
  bodyEnd = end;
  return true;
}

function sameGroupFamily(a: number, b: number): boolean {
  if (a === b) return true;
  if (isSpaceGroup(a)) return isSpaceGroup(b);
  if (isApostrophe(a)) return isApostrophe(b);
  return false;
}

function groupMatches(c: number, thousands: ThousandsSeparator | null): boolean {
  return thousands !== null && sameGroupFamily(c, thousands.charCodeAt(0));
}

/** Digits of text[start, end) with its thousands separators removed; null when the grouping is wrong. */
function integerDigits(text: string, start: number, end: number, thousands: ThousandsSeparator | null): string | null {
  let run = 0;
  let groups = 0;
  let grouped = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) {
      run++;
      continue;
    }
    if (!groupMatches(c, thousands)) return null;
    // The first group holds 1 to 3 digits, every later one exactly 3.
    if (groups === 0 ? run < 1 || run > 3 : run !== 3) return null;
    grouped = true;
    groups++;
    run = 0;
  }
  if (grouped && run !== 3) return null;
  if (!grouped) return text.slice(start, end);
  let digits = '';
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) digits += text[k];
  }
  return digits;
}

function finish(value: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= LIMIT) return NaN;
  return value === 0 ? 0 : value;
}

function checkFormat(format: NumberFormat): void {
  if (format.decimal !== '.' && format.decimal !== ',') {
    throw new EngineError('INVALID_OPTION', `The decimal separator must be "." or ",", not ${JSON.stringify(format.decimal)}.`);
  }
  if (format.thousands === format.decimal) {
    throw new EngineError('INVALID_OPTION', `The thousands separator cannot also be the decimal separator ("${format.decimal}").`);
  }
}

/** The usual pairing of a decimal separator with a thousands separator: '.' with ',', ',' with '.'. */
export function conventionalFormat(decimal: DecimalSeparator): NumberFormat {
  return decimal === '.' ? { decimal: '.', thousands: ',' } : { decimal: ',', thousands: '.' };
}

/**
 * The number a value means in a format; NaN when it is not a finite number in this format, or
 * when |value| >= 1e15 (out of range). Accepts a sign, accounting parentheses `(12.50)`, one currency
 * sign or ISO code before or after the number (`£-12.50`, `12,50 €`, `EUR 12.50`), thousands
 * separators between 3-digit groups (any of the space family when the format's is a space), and
 * scientific notation when the decimal separator is '.'. Never returns -0.
 * @example
 * parseNumber('1.249,00 €', { decimal: ',', thousands: '.' }) === 1249
 * parseNumber('(1,249.50)', { decimal: '.', thousands: ',' }) === -1249.5
 */
export function parseNumber(text: string, format: NumberFormat): number {
  checkFormat(format);
  if (PLAIN.test(text) && (format.decimal === '.' || text.indexOf('.') < 0)) return finish(Number(text));
  if (!locateBody(text)) return NaN;
  const decimal = format.decimal.charCodeAt(0);
  let point = -1;
  for (let k = bodyStart; k < bodyEnd; k++) {
    if (text.charCodeAt(k) === decimal) {
      if (point >= 0) return NaN;
      point = k;
    }
  }
  const minus = negative ? '-' : '';
  if (format.decimal === '.') {
    const body = text.slice(bodyStart, bodyEnd);
    const scientific = SCIENTIFIC.exec(body);
    if (scientific) {
      if (scientific[1] === '' && scientific[2] === undefined) return NaN;
      return finish(Number(minus + body));
    }
  }
  const integerEnd = point >= 0 ? point : bodyEnd;
  const integer = integerDigits(text, bodyStart, integerEnd, format.thousands);
  if (integer === null) return NaN;
  let fraction = '';
  if (point >= 0) {
    for (let k = point + 1; k < bodyEnd; k++) if (!isDigit(text.charCodeAt(k))) return NaN;
    fraction = text.slice(point + 1, bodyEnd);
    if (fraction === '') return NaN;
  }
  if (integer === '' && fraction === '') return NaN;
  return finish(Number(`${minus}${integer === '' ? '0' : integer}${fraction === '' ? '' : `.${fraction}`}`));
}

const enum Vote {
  None,
  Point,
  Comma,
  Invalid,
}

/**
 * What a value's separators say about the decimal separator: Point or Comma when only one reading
 * is possible, None when both are (`1,249`, `1.249`, integers), Invalid when neither is (`1,2,3`).
 */
function voteOf(text: string, start: number, end: number): Vote {
  let points = 0;
  let commas = 0;
  let lastPoint = -1;
  let lastComma = -1;
  let groupChar = -1;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) continue;
    if (c === 0x2e) {
      points++;
      lastPoint = k;
    } else if (c === 0x2c) {
      commas++;
      lastComma = k;
    } else if (isSpaceGroup(c) || isApostrophe(c)) {
      if (groupChar >= 0 && !sameGroupFamily(groupChar, c)) return Vote.Invalid;
      groupChar = c;
    } else if (c === 0x65 || c === 0x45) {
      return SCIENTIFIC.test(text.slice(start, end)) ? Vote.Point : Vote.Invalid;
    } else {
      return Vote.Invalid;
    }
  }
  if (points > 0 && commas > 0) {
    // Both appear: the last one is the decimal separator and occurs once.
    const pointIsDecimal = lastPoint > lastComma;
    if ((pointIsDecimal ? points : commas) !== 1 || groupChar >= 0) return Vote.Invalid;
    const format = conventionalFormat(pointIsDecimal ? '.' : ',');
    if (Number.isNaN(parseNumber(text, format))) return Vote.Invalid;
    return pointIsDecimal ? Vote.Point : Vote.Comma;
  }
  if (points === 0 && commas === 0) return Vote.None;
  const isPoint = points > 0;
  const count = isPoint ? points : commas;
  const last = isPoint ? lastPoint : lastComma;
  if (count > 1) {
    // Repeated, so it groups thousands and the other character is the decimal separator.
    if (groupChar >= 0) return Vote.Invalid;
    const format = conventionalFormat(isPoint ? ',' : '.');
    return Number.isNaN(parseNumber(text, format)) ? Vote.Invalid : isPoint ? Vote.Comma : Vote.Point;
  }
  // With spaces or apostrophes grouping the thousands, the one point or comma is the decimal separator.
  const format: NumberFormat = { decimal: isPoint ? '.' : ',', thousands: groupChar >= 0 ? thousandsCode(groupChar) : null };
  if (Number.isNaN(parseNumber(text, format))) return Vote.Invalid;
  if (groupChar >= 0) return isPoint ? Vote.Point : Vote.Comma;
  const before = last - start;
  const after = end - last - 1;
  // "1,249" and "1.249" read either way; "0,500", "12345,678" and "2,55" only as decimals.
  if (after === 3 && before >= 1 && before <= 3 && text.charCodeAt(start) !== 0x30) return Vote.None;
  return isPoint ? Vote.Point : Vote.Comma;
}

const THOUSANDS_CANDIDATES: readonly ThousandsSeparator[] = [',', '.', ' ', '\u00a0', '\u202f', "'"];

function thousandsCode(c: number): ThousandsSeparator | null {
  if (c === 0x2c) return ',';
  if (c === 0x2e) return '.';
  if (c === 0x20 || c === 0x2009) return ' ';
  if (c === 0xa0) return '\u00a0';
  if (c === 0x202f) return '\u202f';
  if (isApostrophe(c)) return "'";
  return null;
}

function resolveCurrency(codes: Set<string>, signs: Set<CurrencySign>): { currency: string | null; conflict: boolean } {
  const named = new Set(codes);
  for (const s of signs) if (s.code !== null && s.compatible.length === 1) named.add(s.code);
  if (named.size > 1) return { currency: null, conflict: true };
  if (named.size === 1) {
    const [code] = named;
    for (const s of signs) if (!s.compatible.includes(code)) return { currency: null, conflict: true };
    return { currency: code, conflict: false };
  }
  // Only signs that may mean several currencies ('$', 'kr', '¥'): a single one with a usual meaning names it.
  if (signs.size === 1) {
    const [only] = signs;
    return { currency: only.code, conflict: false };
  }
  let shared: readonly string[] | null = null;
  for (const s of signs) shared = shared === null ? s.compatible : shared.filter((code) => s.compatible.includes(code));
  return { currency: null, conflict: shared !== null && shared.length === 0 };
}

/**
 * Sniffs the number format of a whole column from its distinct values: which character is the
 * decimal separator, which one groups thousands and which currency the values are in. A value with
 * both '.' and ',' decides (the last is the decimal separator), so do `2,55`, `0,5`, `12345,678`
 * (decimal comma) and `2.55`, `1,249,000` (decimal point); `1,249` alone is ambiguous and the
 * decimal point is assumed. Blank values are skipped.
 * @example
 * sniffNumberFormat(['1.249,00', '2,55']).format // { decimal: ',', thousands: '.' }
 */
export function sniffNumberFormat(values: readonly string[]): NumberSniff {
  let points = 0;
  let commas = 0;
  const codes = new Set<string>();
  const signs = new Set<CurrencySign>();
  for (const value of values) {
    if (!locateBody(value)) continue;
    if (signCode !== null && sign === null) codes.add(signCode);
    if (sign !== null) signs.add(sign);
    const vote = voteOf(value, bodyStart, bodyEnd);
    if (vote === Vote.Point) points++;
    else if (vote === Vote.Comma) commas++;
  }
  const decimal: DecimalSeparator = commas > points ? ',' : '.';
  const decimalCode = decimal.charCodeAt(0);
  const groupCounts = new Map<ThousandsSeparator, number>();
  for (const value of values) {
    if (!locateBody(value)) continue;
    let seen: ThousandsSeparator | null = null;
    for (let k = bodyStart; k < bodyEnd; k++) {
      const c = value.charCodeAt(k);
      if (isDigit(c) || c === decimalCode) continue;
      seen = thousandsCode(c);
      break;
    }
    // Only values that read well with it count, so garbage such as "1,2,3" does not vote.
    if (seen !== null && !Number.isNaN(parseNumber(value, { decimal, thousands: seen }))) {
      groupCounts.set(seen, (groupCounts.get(seen) ?? 0) + 1);
    }
  }
  let thousands: ThousandsSeparator | null = null;
  let best = 0;
  for (const candidate of THOUSANDS_CANDIDATES) {
    const count = groupCounts.get(candidate) ?? 0;
    if (count > best) {
      best = count;
      thousands = candidate;
    }
  }
  const format: NumberFormat = { decimal, thousands };
  let failures = 0;
  const examples: string[] = [];
  for (const value of values) {
    if (value.trim() === '') continue;
    if (Number.isNaN(parseNumber(value, format))) {
      failures++;
      if (examples.length < 3) examples.push(value);
    }
  }
  const { currency, conflict } = resolveCurrency(codes, signs);
  const symbols = new Set<string>();
  for (const s of signs) symbols.add(s.text);
  return {
    format,
    ambiguous: points === 0 && commas === 0,
    currency,
    currencySymbol: symbols.size === 1 ? [...symbols][0] : null,
    currencyConflict: conflict,
    failures,
    examples,
  };
}
