import { DAY_MS } from '../engines/calendar';
import { deriveSeed } from '../engines/clustering/derive-seed';
import { createRng, sampleIndices, type Rng } from '../engines/random';
import { DEMO_CATEGORIES } from './demo-catalogue';
import { DEMO_EXPORT_COUNTRIES, DEMO_HOME_COUNTRY } from './demo-countries';
import { parseDemoDate, type DemoLogOptions, type DemoRealism } from './demo-log-options';
import { buildDemoShop, DEMO_CATEGORY_SHARES, pickProduct, type DemoShop } from './demo-shop';
import { buildTradingCalendar, drawMinuteOfDay, drawTradingDay, type TradingCalendar } from './trading-calendar';
import { cumulativeSum, pickWeighted } from './weighted-choice';

export const INVOICE_PURCHASE = 0;
export const INVOICE_CANCELLATION = 1;
export const INVOICE_GUEST = 2;
export const INVOICE_STOCK_NOTE = 3;
export const INVOICE_ADJUSTMENT = 4;

/** Products each customer reorders most. */
export const FAVOURITES = 8;

/** Independent random streams, so one part of the plan never shifts another. */
const STREAM_SHOP = 1;
const STREAM_IDS = 2;
const STREAM_GUESTS = 3;
const STREAM_EXTRAS = 4;
const STREAM_CUSTOMER = 1_000_000;
/** Stream of invoice i's lines: STREAM_LINES + 2 i (the lines) and + 2 i + 1 (their extras). */
export const STREAM_LINES = 100_000_000;

const FIRST_CUSTOMER_ID = 12346;
/** Customer ids are spread over a range this much wider than the number of customers, like real ids. */
const ID_SPREAD = 1.45;
/** How far customers' category tastes stray from the shop's mix (Dirichlet concentration). */
const TASTE_CONCENTRATION = 2.5;
const GUEST_HOME_SHARE = 0.93;
const GUEST_MEAN_ORDER = 260;
/** Guest checkouts list more lines per order than account customers, as in UCI Online Retail. */
const GUEST_LINE_FACTOR = 1.6;
const SAME_DAY_CANCELLATION = 0.3;
const MAX_SAME_DAY_DELAY_MINUTES = 120;
/** 20:59, the latest order time of the trading calendar. */
const LAST_ORDER_MINUTE = 20 * 60 + 59;
const MEAN_CANCELLATION_DELAY_DAYS = 6;
const MEAN_EXTRA_CANCELLED_LINES = 0.7;
const CANCELLATION_PROPENSITY_SHAPE = 0.5;

/** Who the customers are: ids, countries, category tastes and favourite products. */
export interface DemoCustomers {
  count: number;
  id: Int32Array;
  /** Index into the plan's countries (0 is the home market). */
  country: Int32Array;
  /** Running sums of each customer's category taste, customer-major (count x categories). */
  taste: Float64Array;
  /** Favourite product indices, customer-major (count x FAVOURITES). */
  favourites: Int32Array;
}

/** Every invoice of the demo log before its lines are drawn, column by column. */
export interface DemoInvoicePlan {
  seed: number;
  realism: DemoRealism;
  count: number;
  kind: Uint8Array;
  /** Minutes since 1970-01-01 (wall clock read as UTC). */
  minute: Float64Array;
  /** Customer index, -1 for guests and stock notes. */
  customer: Int32Array;
  country: Int32Array;
  /** Target order value (purchases, guests) or the amount (adjustments). */
  value: Float64Array;
  /** Order lines (purchases, guests) or lines cancelled (cancellations). */
  lines: Int32Array;
  /** Cancellation: the invoice it cancels; purchase: the customer's previous purchase; else -1. */
  ref: Int32Array;
  /** Invoice indices in chronological order. */
  order: Int32Array;
  customers: DemoCustomers;
  countries: string[];
  postage: Float64Array;
  shop: DemoShop;
  calendar: TradingCalendar;
}

/** Growable columns for the invoices while they are being planned. */
class InvoiceColumns {
  kind: number[] = [];
  minute: number[] = [];
  customer: number[] = [];
  country: number[] = [];
  value: number[] = [];
  lines: number[] = [];
  ref: number[] = [];

  push(kind: number, minute: number, customer: number, country: number, value: number, lines: number, ref: number): number {
    this.kind.push(kind);
    this.minute.push(minute);
    this.customer.push(customer);
    this.country.push(country);
    this.value.push(value);
    this.lines.push(lines);
    this.ref.push(ref);
    return this.kind.length - 1;
  }
}

/** First day of the period: `months` calendar months back from the day after endDate. */
function periodStart(end: number, months: number): number {
  const after = new Date(end + DAY_MS);
  return Date.UTC(after.getUTCFullYear(), after.getUTCMonth() - months, after.getUTCDate());
}

function orderLines(value: number, perSqrtValue: number, maxLines: number, rng: Rng): number {
  return Math.min(maxLines, 1 + rng.poisson(perSqrtValue * Math.sqrt(value)));
}

/** Customer ids spread over a wider range, in random order, so ids say nothing about who joined first. */
function drawCustomerIds(count: number, rng: Rng): Int32Array {
  const ids = sampleIndices(Math.ceil(count * ID_SPREAD), count, rng);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = ids[i];
    ids[i] = ids[j];
    ids[j] = tmp;
  }
  for (let i = 0; i < count; i++) ids[i] += FIRST_CUSTOMER_ID;
  return ids;
}

/**
 * Simulate every customer as a BG/NBD buyer with Gamma-Gamma order values on a seasonal calendar,
 * then add cancellations, guest checkouts, stock notes and bad-debt adjustments, and put all
 * invoices in chronological order. Lines are drawn later, invoice by invoice, from `seed`.
 */
export function planDemoInvoices(options: DemoLogOptions): DemoInvoicePlan {
  const { seed, realism: r } = options;
  const end = parseDemoDate(options.endDate);
  const start = periodStart(end, options.months);
  const days = Math.round((end - start) / DAY_MS) + 1;
  const calendar = buildTradingCalendar(start, days, r.seasonality);
  const startMinute = start / 60_000;
  const shop = buildDemoShop(createRng(deriveSeed(seed, STREAM_SHOP)));
  const countries = [DEMO_HOME_COUNTRY, ...DEMO_EXPORT_COUNTRIES.map((c) => c.name)];
  const postage = Float64Array.from([0, ...DEMO_EXPORT_COUNTRIES.map((c) => c.postage)]);
  const exportWeights = cumulativeSum(DEMO_EXPORT_COUNTRIES.map((c) => c.weight));
  const nCategories = DEMO_CATEGORIES.length;

  const n = options.customers;
  const customers: DemoCustomers = {
    count: n,
    id: drawCustomerIds(n, createRng(deriveSeed(seed, STREAM_IDS))),
    country: new Int32Array(n),
    taste: new Float64Array(n * nCategories),
    favourites: new Int32Array(n * FAVOURITES),
  };
  const invoices = new InvoiceColumns();
  let customerLines = 0;
  let exportOrders = 0;

  for (let c = 0; c < n; c++) {
    const rng = createRng(deriveSeed(seed, STREAM_CUSTOMER + c));
    const wholesale = rng.next() < r.wholesaleShare;
    const home = rng.next() < r.homeShare;
    const country = home ? 0 : 1 + pickWeighted(exportWeights, rng);
    customers.country[c] = country;
    const rate = rng.gamma(r.rateShape, 1 / r.rateAlphaDays) * (wholesale ? r.wholesaleRateMultiplier : 1);
    const dropout = rng.beta(r.dropoutA, r.dropoutB);
    const nu = rng.gamma(r.spendQ, 1 / r.spendGamma);
    const spendScale = ((wholesale ? r.wholesaleSpendMultiplier : 1) * (home ? 1 : r.exportSpendMultiplier)) / nu;
    const shape = CANCELLATION_PROPENSITY_SHAPE;
    const cancels = r.cancellationRate > 0 ? rng.beta(shape, (shape * (1 - r.cancellationRate)) / r.cancellationRate) : 0;

    let tasteTotal = 0;
    for (let k = 0; k < nCategories; k++) {
      tasteTotal += rng.gamma(TASTE_CONCENTRATION * DEMO_CATEGORY_SHARES[k]);
      customers.taste[c * nCategories + k] = tasteTotal;
    }
    const taste = customers.taste.subarray(c * nCategories, (c + 1) * nCategories);
    for (let f = 0; f < FAVOURITES; f++) customers.favourites[c * FAVOURITES + f] = pickProduct(shop, pickWeighted(taste, rng), rng);

    let previous = -1;
    const purchase = (day: number) => {
      const minute = startMinute + day * 1440 + drawMinuteOfDay(rng);
      const value = rng.gamma(r.spendP, spendScale);
      const lines = orderLines(value, r.linesPerSqrtValue, r.maxLines, rng);
      const invoice = invoices.push(INVOICE_PURCHASE, minute, c, country, value, lines, previous);
      previous = invoice;
      customerLines += lines;
      if (!home) exportOrders++;
      if (rng.next() >= cancels) return;
      let later = rng.next() < SAME_DAY_CANCELLATION ? 0 : 1 + Math.floor(-Math.log(1 - rng.next()) * MEAN_CANCELLATION_DELAY_DAYS);
      while (day + later < days && calendar.intensity[day + later] === 0) later++;
      if (day + later >= days) return;
      const sameDayRoom = Math.max(1, Math.min(MAX_SAME_DAY_DELAY_MINUTES, LAST_ORDER_MINUTE - (minute - startMinute - day * 1440)));
      const cancelMinute = later === 0 ? minute + 1 + rng.int(sameDayRoom) : startMinute + (day + later) * 1440 + drawMinuteOfDay(rng);
      const cancelled = Math.min(lines, 1 + rng.poisson(MEAN_EXTRA_CANCELLED_LINES));
      invoices.push(INVOICE_CANCELLATION, cancelMinute, c, country, 0, cancelled, invoice);
      customerLines += cancelled;
    };

    const existing = rng.next() < r.existingShare;
    const birth = existing ? drawTradingDay(calendar, rng, 0, Math.min(days, Math.round(r.existingDays))) : drawTradingDay(calendar, rng);
    purchase(birth);
    // Repeat purchases: a Poisson process thinned by the day's demand; after each one the customer may drop out.
    const ceiling = rate * calendar.max;
    for (let t = birth + rng.next(); ; ) {
      t += -Math.log(1 - rng.next()) / ceiling;
      if (!(t < days)) break;
      const day = Math.floor(t);
      if (rng.next() * calendar.max >= calendar.intensity[day]) continue;
      purchase(day);
      if (rng.next() < dropout) break;
    }
  }

  const guests = createRng(deriveSeed(seed, STREAM_GUESTS));
  const share = r.missingCustomerShare;
  const guestLineTarget = (share / (1 - share)) * (customerLines + exportOrders * r.postageRate);
  for (let guestLines = 0; guestLines < guestLineTarget; ) {
    const day = drawTradingDay(calendar, guests);
    const minute = startMinute + day * 1440 + drawMinuteOfDay(guests);
    const country = guests.next() < GUEST_HOME_SHARE ? 0 : 1 + pickWeighted(exportWeights, guests);
    const value = guests.gamma(2, GUEST_MEAN_ORDER / 2);
    const lines = orderLines(value, r.linesPerSqrtValue * GUEST_LINE_FACTOR, r.maxLines, guests);
    invoices.push(INVOICE_GUEST, minute, -1, country, value, lines, -1);
    guestLines += lines;
  }

  const extras = createRng(deriveSeed(seed, STREAM_EXTRAS));
  for (let i = 0; i < r.stockNotes; i++) {
    const day = drawTradingDay(calendar, extras);
    invoices.push(INVOICE_STOCK_NOTE, startMinute + day * 1440 + drawMinuteOfDay(extras), -1, 0, 0, 1, -1);
  }
  if (r.adjustments > 0) {
    // One bad debt written off against the shop, then reversed against the customer who owed it.
    const debtor = extras.int(n);
    const amount = Math.round(extras.gamma(3, 1500) * 100) / 100;
    const day = drawTradingDay(calendar, extras, Math.floor(days / 2), Math.max(Math.floor(days / 2) + 1, Math.floor((days * 3) / 4)));
    const minute = startMinute + day * 1440 + drawMinuteOfDay(extras);
    for (let i = 0; i < r.adjustments; i++) {
      const customer = i === 0 ? -1 : debtor;
      invoices.push(INVOICE_ADJUSTMENT, minute + i, customer, customer < 0 ? 0 : customers.country[customer], i === 0 ? amount : -amount, 1, -1);
    }
  }

  const count = invoices.kind.length;
  const minute = Float64Array.from(invoices.minute);
  const order = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => minute[a] - minute[b] || a - b);
  return {
    seed,
    realism: r,
    count,
    kind: Uint8Array.from(invoices.kind),
    minute,
    customer: Int32Array.from(invoices.customer),
    country: Int32Array.from(invoices.country),
    value: Float64Array.from(invoices.value),
    lines: Int32Array.from(invoices.lines),
    ref: Int32Array.from(invoices.ref),
    order,
    customers,
    countries,
    postage,
    shop,
    calendar,
  };
}
