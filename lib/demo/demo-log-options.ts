import { EngineError } from '../engines/errors';
import { mergeOptions } from '../engines/merge-options';

/**
 * The knobs that make the demo log look like a real gift wholesaler's. Rates are per day unless
 * named otherwise; shares are fractions in [0, 1).
 */
export interface DemoRealism {
  /** Share of customers in the home market (United Kingdom). */
  homeShare: number;
  /** BG/NBD purchase rate lambda ~ Gamma(shape, scale 1 / rateAlphaDays), purchases per day. */
  rateShape: number;
  rateAlphaDays: number;
  /** BG/NBD dropout after each repeat purchase, p ~ Beta(dropoutA, dropoutB). */
  dropoutA: number;
  dropoutB: number;
  /** Gamma-Gamma order value: nu ~ Gamma(spendQ, scale 1 / spendGamma), each order ~ Gamma(spendP, scale 1 / nu). */
  spendP: number;
  spendQ: number;
  spendGamma: number;
  /** Share of wholesale-like customers, who order more often and much more per order. */
  wholesaleShare: number;
  wholesaleRateMultiplier: number;
  wholesaleSpendMultiplier: number;
  /** Order values of export customers are multiplied by this (they order in bulk to save postage). */
  exportSpendMultiplier: number;
  /** Share of customers already buying when the log starts (first purchase in its first `existingDays`). */
  existingShare: number;
  existingDays: number;
  /** Order lines: 1 + Poisson(linesPerSqrtValue x sqrt(order value)), at most maxLines. */
  linesPerSqrtValue: number;
  maxLines: number;
  /** Chance that an order line is one of the customer's favourite products (reorders). */
  favouriteShare: number;
  /** Monthly demand multipliers, January first (Q4 peak). */
  seasonality: readonly number[];
  /** Share of all lines on invoices without a customer id (guest checkouts). */
  missingCustomerShare: number;
  /** Mean share of a customer's orders later partly cancelled by a C invoice. */
  cancellationRate: number;
  /** Chance that an order also returns something from the customer's previous order (negative quantity, no C). */
  returnRate: number;
  /** Chance that an order line is given away (unit price 0). */
  zeroPriceRate: number;
  /** Chance that an order line is written twice (exact duplicate). */
  duplicateRate: number;
  /** Chance that an export order carries a POSTAGE line. */
  postageRate: number;
  /** Number of stock-correction lines (zero price, no customer). */
  stockNotes: number;
  /** Number of bad-debt adjustment lines (invoice prefix A). */
  adjustments: number;
}

/** What to generate; the same options always give the same bytes. */
export interface DemoLogOptions {
  seed: number;
  customers: number;
  /** Length of the log in calendar months, ending on endDate. */
  months: number;
  /** Last day of the log, YYYY-MM-DD. Never the current clock, so the demo is reproducible. */
  endDate: string;
  realism: DemoRealism;
}

/** Options as callers pass them: everything optional, realism knobs one by one. */
export type DemoLogInput = Partial<Omit<DemoLogOptions, 'realism'>> & { realism?: Partial<DemoRealism> };

export const DEFAULT_DEMO_REALISM: Readonly<DemoRealism> = Object.freeze({
  homeShare: 0.88,
  rateShape: 0.6,
  rateAlphaDays: 35,
  dropoutA: 0.9,
  dropoutB: 4,
  spendP: 3,
  spendQ: 2.5,
  spendGamma: 170,
  wholesaleShare: 0.012,
  wholesaleRateMultiplier: 3,
  wholesaleSpendMultiplier: 10,
  exportSpendMultiplier: 1.6,
  existingShare: 0.3,
  existingDays: 75,
  linesPerSqrtValue: 0.45,
  maxLines: 120,
  favouriteShare: 0.35,
  seasonality: Object.freeze([0.75, 0.75, 0.95, 0.85, 1, 0.95, 0.95, 0.9, 1.2, 1.35, 1.7, 1.1]),
  missingCustomerShare: 0.17,
  cancellationRate: 0.12,
  returnRate: 0.004,
  zeroPriceRate: 0.0004,
  duplicateRate: 0.001,
  postageRate: 0.8,
  stockNotes: 24,
  adjustments: 3,
});

export const DEFAULT_DEMO_LOG_OPTIONS: Readonly<DemoLogOptions> = Object.freeze({
  seed: 2024,
  customers: 4000,
  months: 13,
  endDate: '2024-12-31',
  realism: DEFAULT_DEMO_REALISM,
});

const MAX_CUSTOMERS = 1_000_000;
const MAX_MONTHS = 120;

const SHARES: readonly (keyof DemoRealism)[] = [
  'homeShare', 'wholesaleShare', 'existingShare', 'favouriteShare', 'missingCustomerShare', 'cancellationRate',
  'returnRate', 'zeroPriceRate', 'duplicateRate', 'postageRate',
];
const POSITIVES: readonly (keyof DemoRealism)[] = [
  'rateShape', 'rateAlphaDays', 'dropoutA', 'dropoutB', 'spendP', 'spendQ', 'spendGamma', 'wholesaleRateMultiplier',
  'wholesaleSpendMultiplier', 'exportSpendMultiplier', 'existingDays', 'linesPerSqrtValue', 'maxLines',
];
const COUNTS: readonly (keyof DemoRealism)[] = ['stockNotes', 'adjustments', 'maxLines'];

function invalid(message: string): never {
  throw new EngineError('INVALID_OPTION', message);
}

/** Parse YYYY-MM-DD to epoch ms at midnight UTC, or NaN. */
export function parseDemoDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return NaN;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return new Date(ms).getUTCDate() === +m[3] && new Date(ms).getUTCMonth() === +m[2] - 1 ? ms : NaN;
}

/** Merge the caller's options over the defaults once and check every value, naming the bad one. */
export function resolveDemoLogOptions(input: DemoLogInput = {}): DemoLogOptions {
  const { realism, ...rest } = input;
  const o: DemoLogOptions = { ...mergeOptions(DEFAULT_DEMO_LOG_OPTIONS, rest), realism: mergeOptions(DEFAULT_DEMO_REALISM, realism) };
  if (!Number.isFinite(o.seed)) invalid(`The demo seed must be a finite number; got ${o.seed}.`);
  if (!Number.isInteger(o.customers) || o.customers < 1 || o.customers > MAX_CUSTOMERS) {
    invalid(`The demo needs a whole number of customers from 1 to ${MAX_CUSTOMERS.toLocaleString('en-US')}; got ${o.customers}.`);
  }
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > MAX_MONTHS) {
    invalid(`The demo covers a whole number of months from 1 to ${MAX_MONTHS}; got ${o.months}.`);
  }
  if (typeof o.endDate !== 'string' || Number.isNaN(parseDemoDate(o.endDate))) {
    invalid(`The demo end date must be a calendar date written YYYY-MM-DD; got "${String(o.endDate)}".`);
  }
  const r = o.realism;
  for (const key of SHARES) {
    const v = r[key] as number;
    if (!(v >= 0 && v < 1)) invalid(`The realism knob ${key} is a share from 0 up to (not including) 1; got ${v}.`);
  }
  for (const key of POSITIVES) {
    const v = r[key] as number;
    if (!(v > 0 && Number.isFinite(v))) invalid(`The realism knob ${key} must be a positive number; got ${v}.`);
  }
  for (const key of COUNTS) {
    const v = r[key] as number;
    if (!Number.isInteger(v) || v < 0) invalid(`The realism knob ${key} must be a whole number of at least 0; got ${v}.`);
  }
  if (!Array.isArray(r.seasonality) || r.seasonality.length !== 12 || !r.seasonality.every((v) => v > 0 && Number.isFinite(v))) {
    invalid('The realism knob seasonality must list 12 positive monthly multipliers, January first.');
  }
  return o;
}
