import type { TransactionTable } from '../ingest/types';
import { findDuplicates } from './find-duplicates';
import { DEFAULT_UNKNOWN_COUNTRIES, normaliseCountry } from './normalise-country';
import { DROP_REASONS, type CleanOptions, type CleanResult, type CleaningReport, type CountryQuality, type DropReason } from './types';

const KIND_CANCELLATION = 1;
const KIND_ADJUSTMENT = 2;

function invoiceKinds(invoices: readonly string[]): Uint8Array {
  const kinds = new Uint8Array(invoices.length);
  for (let i = 0; i < invoices.length; i++) {
    const first = invoices[i].charCodeAt(0);
    if (first === 67 || first === 99) kinds[i] = KIND_CANCELLATION;
    else if (first === 65 || first === 97) kinds[i] = KIND_ADJUSTMENT;
  }
  return kinds;
}

function isoOrNull(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * Apply the cleaning rules in order and count every line under the first rule it breaks.
 * Cancellations and negative quantities with a customer are kept aside as returns.
 * @example
 * const { kept, report } = cleanTransactions(table);
 * report.keptRows + Object.values(report.dropped).reduce((a, b) => a + b) === report.totalRows
 */
export function cleanTransactions(table: TransactionTable, options: CleanOptions = {}): CleanResult {
  const n = table.length;
  const dropDuplicates = options.dropDuplicates ?? false;
  const unknownName = options.unknownCountryName ?? 'Unknown';
  const unknown = new Set((options.unknownCountries ?? DEFAULT_UNKNOWN_COUNTRIES).map((c) => c.trim().toLowerCase()));

  const countryNames = table.countries.map((raw) => normaliseCountry(raw, unknown, unknownName));
  const countryChanged = table.countries.map((raw, i) => raw !== countryNames[i]);
  const names = [...new Set(countryNames)];
  const nameIndex = new Map(names.map((name, i) => [name, i]));
  const countryToName = Int32Array.from(countryNames, (name) => nameIndex.get(name) ?? 0);

  const kinds = invoiceKinds(table.invoices);
  const duplicates = findDuplicates(table);
  const dropped = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  const kept = new Int32Array(n);
  const returns = new Int32Array(n);
  let keptCount = 0;
  let returnCount = 0;
  let duplicateLines = 0;
  let countriesNormalised = 0;
  let returnValue = 0;
  let revenue = 0;
  let firstDate = Infinity;
  let lastDate = -Infinity;

  const invoiceSeen = new Uint8Array(table.invoices.length);
  const customerSeen = new Uint8Array(table.customers.length);
  const returnCustomerSeen = new Uint8Array(table.customers.length);
  let invoicesAfter = 0;
  let customersAfter = 0;
  let returnCustomers = 0;
  const countryRows = new Float64Array(names.length);
  const countryRevenue = new Float64Array(names.length);
  const countryCustomers = new Float64Array(names.length);
  const customerCountryPairs = new Set<number>();
  let previousPair = -1;

  for (let i = 0; i < n; i++) {
    if (duplicates[i]) duplicateLines++;
    if (countryChanged[table.country[i]]) countriesNormalised++;
    const quantity = table.quantity[i];
    const price = table.unitPrice[i];
    const customer = table.customer[i];
    const kind = kinds[table.invoice[i]];
    let reason: DropReason | null = null;
    if (!Number.isFinite(table.date[i])) reason = 'badDate';
    else if (!Number.isFinite(quantity) || !Number.isFinite(price)) reason = 'badNumber';
    else if (customer < 0) reason = 'missingCustomer';
    else if (kind === KIND_ADJUSTMENT) reason = 'adjustment';
    else if (kind === KIND_CANCELLATION) reason = 'cancellation';
    else if (quantity < 0) reason = 'negativeQuantity';
    else if (quantity === 0) reason = 'zeroQuantity';
    else if (price <= 0) reason = 'nonPositivePrice';
    else if (dropDuplicates && duplicates[i]) reason = 'duplicate';

    if (reason !== null) {
      dropped[reason]++;
      if (reason === 'cancellation' || reason === 'negativeQuantity') {
        returns[returnCount++] = i;
        returnValue += Math.abs(quantity * price);
        if (!returnCustomerSeen[customer]) {
          returnCustomerSeen[customer] = 1;
          returnCustomers++;
        }
      }
      continue;
    }

    kept[keptCount++] = i;
    const amount = quantity * price;
    revenue += amount;
    const date = table.date[i];
    if (date < firstDate) firstDate = date;
    if (date > lastDate) lastDate = date;
    if (!invoiceSeen[table.invoice[i]]) {
      invoiceSeen[table.invoice[i]] = 1;
      invoicesAfter++;
    }
    if (!customerSeen[customer]) {
      customerSeen[customer] = 1;
      customersAfter++;
    }
    const country = countryToName[table.country[i]];
    countryRows[country]++;
    countryRevenue[country] += amount;
    const pair = customer * names.length + country;
    if (pair !== previousPair) {
      previousPair = pair;
      if (!customerCountryPairs.has(pair)) {
        customerCountryPairs.add(pair);
        countryCustomers[country]++;
      }
    }
  }

  const countries: CountryQuality[] = names
    .map((country, i) => ({ country, rows: countryRows[i], customers: countryCustomers[i], revenue: countryRevenue[i] }))
    .filter((c) => c.rows > 0)
    .sort((a, b) => b.revenue - a.revenue || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));

  const report: CleaningReport = {
    totalRows: n,
    keptRows: keptCount,
    dropped,
    duplicateLines,
    duplicatesDropped: dropDuplicates,
    countriesNormalised,
    customersBefore: table.customers.length,
    customersAfter,
    invoicesAfter,
    revenueAfter: revenue,
    firstDate: keptCount > 0 ? isoOrNull(firstDate) : null,
    lastDate: keptCount > 0 ? isoOrNull(lastDate) : null,
    returns: { lines: returnCount, customers: returnCustomers, value: returnValue },
    countries,
  };
  return { kept: kept.slice(0, keptCount), returns: returns.slice(0, returnCount), countryNames, report };
}
