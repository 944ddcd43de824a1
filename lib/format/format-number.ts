const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ratio = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const cutPoint = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** 4,338 */
export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : integer.format(value);
}

const currencyFormats = new Map<string, Intl.NumberFormat>();

// The answer of isoCurrency per code it was asked about: building an Intl.NumberFormat to test a
// code cost a page hundreds of microseconds per money figure. Bounded: datasets name few currencies.
const isoCodes = new Map<string, string | null>();
const MAX_ISO_CODES = 256;

/** An ISO 4217 code Intl knows ("GBP"), upper-cased; null for null, symbols ("£") and unknown codes. */
export function isoCurrency(currency: string | null | undefined): string | null {
  if (!currency) return null;
  const known = isoCodes.get(currency);
  if (known !== undefined) return known;
  const code = currency.trim().toUpperCase();
  let answer: string | null = null;
  if (/^[A-Z]{3}$/.test(code)) {
    try {
      currencyFormat(code, false);
      answer = code;
    } catch {
      answer = null;
    }
  }
  if (isoCodes.size >= MAX_ISO_CODES) isoCodes.clear();
  isoCodes.set(currency, answer);
  return answer;
}

function currencyFormat(code: string, compact: boolean): Intl.NumberFormat {
  const key = `${code}:${compact}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = compact
      ? new Intl.NumberFormat('en-US', { style: 'currency', currency: code, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })
      : new Intl.NumberFormat('en-US', { style: 'currency', currency: code, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    currencyFormats.set(key, format);
  }
  return format;
}

/**
 * Money, through Intl: "£8,911,407.90" with the dataset's ISO 4217 currency, "8,911,407.90" when
 * the currency is unknown; a non-ISO marker the file used ("R$") is written after the figure.
 */
export function formatMoney(value: number | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const code = isoCurrency(currency);
  if (code) return currencyFormat(code, false).format(value);
  const text = money.format(value);
  return currency ? `${text} ${currency.trim()}` : text;
}

/**
 * Money for chart axes: "£1.2M", "€850", "12.5K" without a currency; amounts under one unit keep
 * two significant digits ("A$0.05", "£0.2"), so a log axis's small ticks are never shown as 0.
 */
export function formatMoneyCompact(value: number | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const code = isoCurrency(currency);
  if (value !== 0 && Math.abs(value) < 1) return code ? smallCurrencyFormat(code).format(value) : small.format(value);
  return code ? currencyFormat(code, true).format(value) : compact.format(value);
}

function smallCurrencyFormat(code: string): Intl.NumberFormat {
  const key = `${code}:small`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code, maximumSignificantDigits: 2 });
    currencyFormats.set(key, format);
  }
  return format;
}

/** @deprecated use formatMoney(value, currency): kept as its alias for older call sites. */
export function formatMoneyIn(value: number | null | undefined, currency: string | null | undefined): string {
  return formatMoney(value, currency);
}

const plural = new Intl.PluralRules('en-US');

/**
 * "1 order", "2 orders", "1,394 customers": a count with its noun through Intl.PluralRules;
 * `plural` defaults to the noun + "s".
 */
export function formatCount(value: number, singular: string, pluralNoun = `${singular}s`): string {
  return `${formatInteger(value)} ${plural.select(value) === 'one' ? singular : pluralNoun}`;
}

/** 12.5% from 0.125 */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : percent.format(value);
}

/**
 * A P(alive) as "89.6%": rounded DOWN to a tenth, as the churn status beside it says it
 * (describeChurnStatus), so one customer never shows two figures and 0.29996 never reads 30.0%
 * next to "churned below 30 %". The 1e-9 keeps 0.12 from flooring to 11.9.
 */
export function formatPAlive(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : percent.format(Math.floor(value * 1000 + 1e-9) / 1000);
}

/**
 * A P(alive) cut point (a share 0..1) as "30%", or "32.5%" when it is not a whole percent: the
 * thresholds quoted beside P(alive) figures ("at risk below 70%"), written like them, without a space.
 */
export function formatPAliveThreshold(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : cutPoint.format(value);
}

/** 72.2 */
export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : decimal.format(value);
}

/** 0.38 */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : ratio.format(value);
}

const parameterDecimal = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const SUPERSCRIPT = { '-': '\u207b', '0': '\u2070', '1': '\u00b9', '2': '\u00b2', '3': '\u00b3', '4': '\u2074', '5': '\u2075', '6': '\u2076', '7': '\u2077', '8': '\u2078', '9': '\u2079' } as Record<string, string>;

/**
 * A model parameter or fit statistic, 4 significant digits: "0.2425", "78.31", "12,350"; from a
 * million up and under a thousandth in powers of ten, "7.81 × 10¹⁰", "2.9 × 10⁻⁸" (a parameter
 * that ran off is then one short figure, not 20 digits). Null or not finite: "–".
 */
export function formatParameter(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const size = Math.abs(value);
  if (size === 0 || (size >= 1e-3 && size < 1e6)) return parameterDecimal.format(value);
  const [mantissa, exponent] = value.toExponential(2).split('e');
  const digits = mantissa!.replace(/\.?0+$/, '');
  const power = String(Number(exponent)).split('').map((c) => SUPERSCRIPT[c]).join('');
  return `${digits} \u00d7 10${power}`;
}
