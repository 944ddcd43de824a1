import { EngineError } from '../errors';
import type { CleanResult } from '../clean/types';
import type { TransactionTable } from '../ingest/types';
import { compileCategories, DEFAULT_PRODUCT_CATEGORIES } from './product-categories';
import type { PurchaseColumns } from '../btyd/types';
import type { CustomerFeatures, FeatureOptions } from './types';
import { DAY_MS, isoDay } from '../calendar';


/** Sort customer ids numerically when all are whole numbers, else as text. */
function customerOrder(ids: readonly string[], used: Int32Array): Int32Array {
  const numeric = ids.every((id) => /^\d+$/.test(id));
  const order = Int32Array.from(used);
  if (numeric) {
    // Whole numbers of any length: shorter is smaller, then compare as text.
    order.sort((a, b) => ids[a].length - ids[b].length || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  } else {
    order.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  }
  return order;
}

/** Count distinct values of `value` per group, from (group, value) pairs, by sorting combined keys. */
function distinctPerGroup(groups: Int32Array, values: Int32Array, valueCount: number, groupCount: number): Float64Array {
  const keys = new Float64Array(groups.length);
  for (let i = 0; i < keys.length; i++) keys[i] = groups[i] * valueCount + values[i];
  keys.sort();
  const counts = new Float64Array(groupCount);
  for (let i = 0; i < keys.length; i++) {
    if (i === 0 || keys[i] !== keys[i - 1]) counts[Math.floor(keys[i] / valueCount)]++;
  }
  return counts;
}

/**
 * One row per customer from the cleaned lines and purchase orders: recency, frequency (purchase
 * orders), purchase occasions (distinct days), monetary value in the chosen basis (net: max(0,
 * gross - refunds); gross: purchases at full value), order value, tenure, distinct products,
 * refund rate, product-mix shares, primary country, home market, and the order-level purchases
 * the lifetime-value models need (valued net of the refunds matched to them in the net basis).
 * @example
 * const { features, purchases } = computeCustomerFeatures(table, cleanTransactions(table));
 */
export function computeCustomerFeatures(
  table: TransactionTable,
  cleaned: CleanResult,
  options: FeatureOptions = {},
): { features: CustomerFeatures; purchases: PurchaseColumns } {
  const kept = cleaned.kept;
  const orders = cleaned.orders;
  if (kept.length === 0 || orders.count === 0) {
    throw new EngineError('NO_VALID_ROWS', 'No transaction lines are left after cleaning, so there are no customers to analyse.');
  }
  const net = (options.value ?? 'net') === 'net';

  // Dense customer index, ordered by id.
  const seen = new Uint8Array(table.customers.length);
  for (let o = 0; o < orders.count; o++) seen[orders.customer[o]] = 1;
  const used: number[] = [];
  for (let c = 0; c < seen.length; c++) if (seen[c]) used.push(c);
  const order = customerOrder(table.customers, Int32Array.from(used));
  const m = order.length;
  const dense = new Int32Array(table.customers.length).fill(-1);
  for (let i = 0; i < m; i++) dense[order[i]] = i;

  const { names: categories, match } = compileCategories(options.categories ?? DEFAULT_PRODUCT_CATEGORIES);
  const nCat = categories.length;
  const descriptionCategory = new Uint8Array(table.descriptions.length);
  for (let d = 0; d < table.descriptions.length; d++) descriptionCategory[d] = match(table.descriptions[d]);

  // Normalised countries as dense codes.
  const countries = [...new Set(cleaned.countryNames)];
  const countryCode = new Map(countries.map((c, i) => [c, i]));
  const tableCountry = Int32Array.from(cleaned.countryNames, (c) => countryCode.get(c) ?? 0);
  const nCountries = countries.length;

  const monetary = new Float64Array(m);
  const grossSpend = new Float64Array(m);
  const refunds = new Float64Array(m);
  const frequency = new Float64Array(m);
  const occasions = new Float64Array(m);
  const firstPurchase = new Float64Array(m).fill(Infinity);
  const lastPurchase = new Float64Array(m).fill(-Infinity);
  const mix = new Float64Array(m * nCat);
  const mixTotal = new Float64Array(m);
  const countryRevenue = new Float64Array(nCountries);
  // Revenue of each customer's first-seen country; customers seen in more than one country use the map.
  const firstCountry = new Int32Array(m).fill(-1);
  const firstCountryRevenue = new Float64Array(m);
  const otherCountries = new Map<number, number>();
  const lineCustomer = new Int32Array(kept.length);
  const lineStock = new Int32Array(kept.length);

  for (let k = 0; k < kept.length; k++) {
    const i = kept[k];
    const c = dense[table.customer[i]];
    const amount = table.amount[i];
    if (Number.isFinite(amount) && amount > 0) {
      mix[c * nCat + descriptionCategory[table.description[i]]] += amount;
      mixTotal[c] += amount;
    }
    lineCustomer[k] = c;
    lineStock[k] = table.stockCode[i];
  }

  const purchases: PurchaseColumns = { customer: new Int32Array(orders.count), day: new Float64Array(orders.count), value: new Float64Array(orders.count) };
  for (let o = 0; o < orders.count; o++) {
    const c = dense[orders.customer[o]];
    const date = orders.date[o];
    const value = net ? orders.net[o] : orders.gross[o];
    frequency[c]++;
    if (date < firstPurchase[c]) firstPurchase[c] = date;
    if (date > lastPurchase[c]) lastPurchase[c] = date;
    purchases.customer[o] = c;
    purchases.day[o] = date / DAY_MS;
    purchases.value[o] = value;

    const country = tableCountry[orders.country[o]];
    countryRevenue[country] += value;
    if (firstCountry[c] < 0 || firstCountry[c] === country) {
      firstCountry[c] = country;
      firstCountryRevenue[c] += value;
    } else {
      const key = c * nCountries + country;
      otherCountries.set(key, (otherCountries.get(key) ?? 0) + value);
    }
  }
  for (let t = 0; t < order.length; t++) {
    const c = dense[order[t]];
    occasions[c] = cleaned.customerOccasions[order[t]];
    grossSpend[c] = cleaned.customerGross[order[t]];
    refunds[c] = cleaned.customerRefunds[order[t]];
    monetary[c] = net ? Math.max(0, grossSpend[c] - refunds[c]) : grossSpend[c];
  }

  let latest = -Infinity;
  for (let c = 0; c < m; c++) if (lastPurchase[c] > latest) latest = lastPurchase[c];
  const lastDay = Math.floor(latest / DAY_MS);
  const snapshotDay = options.snapshot !== undefined ? Math.floor(options.snapshot / DAY_MS) : lastDay + 1;
  const recency = new Float64Array(m);
  const tenure = new Float64Array(m);
  const averageOrderValue = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    recency[c] = snapshotDay - Math.floor(lastPurchase[c] / DAY_MS);
    tenure[c] = snapshotDay - Math.floor(firstPurchase[c] / DAY_MS);
    averageOrderValue[c] = monetary[c] / frequency[c];
    const total = mixTotal[c];
    for (let j = 0; j < nCat; j++) mix[c * nCat + j] = total > 0 ? mix[c * nCat + j] / total : 0;
  }
  if (snapshotDay <= lastDay) {
    const last = isoDay(lastDay * DAY_MS);
    throw new EngineError(
      'INVALID_OPTION',
      `The snapshot date must be after the last purchase (${last}); the default is the day after it.`,
    );
  }

  const primaryCountry = Int32Array.from(firstCountry);
  const bestRevenue = Float64Array.from(firstCountryRevenue);
  for (const [key, revenue] of otherCountries) {
    const c = Math.floor(key / nCountries);
    const country = key - c * nCountries;
    if (revenue > bestRevenue[c] || (revenue === bestRevenue[c] && country < primaryCountry[c])) {
      bestRevenue[c] = revenue;
      primaryCountry[c] = country;
    }
  }
  // The home market is a known country: a file without countries has none (homeCountry '').
  let home = -1;
  for (let j = 0; j < nCountries; j++) {
    if (countries[j] !== cleaned.unknownCountryName && (home < 0 || countryRevenue[j] > countryRevenue[home])) home = j;
  }
  const homeCountry = options.homeCountry ?? (home < 0 ? '' : countries[home]);
  const homeIndex = countries.indexOf(homeCountry);
  const homeMarket = new Uint8Array(m);
  for (let c = 0; c < m; c++) homeMarket[c] = primaryCountry[c] === homeIndex ? 1 : 0;

  const distinctProducts = distinctPerGroup(lineCustomer, lineStock, Math.max(1, table.stockCodes.length), m);

  const returnLines = new Float64Array(m);
  for (let k = 0; k < cleaned.returns.length; k++) {
    const c = dense[table.customer[cleaned.returns[k]]];
    if (c >= 0) returnLines[c]++;
  }
  const returnRate = new Float64Array(m);
  for (let c = 0; c < m; c++) returnRate[c] = grossSpend[c] > 0 ? refunds[c] / grossSpend[c] : 0;

  const features: CustomerFeatures = {
    count: m,
    ids: Array.from(order, (c) => table.customers[c]),
    tableCustomer: order,
    recency,
    frequency,
    occasions,
    monetary,
    grossSpend,
    refunds,
    averageOrderValue,
    tenure,
    distinctProducts,
    returnRate,
    returnedValue: refunds,
    returnLines,
    firstPurchase,
    lastPurchase,
    categories,
    mix,
    primaryCountry,
    countries,
    homeCountry,
    homeMarket,
    snapshot: snapshotDay * DAY_MS,
  };
  return { features, purchases };
}
