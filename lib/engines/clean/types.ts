import type { ValueBasis } from '../ingest/types';

/** Why a transaction line was left out of the analysis, in the order the rules are applied. */
export const DROP_REASONS = [
  'brokenQuote',
  'summaryLine',
  'badDate',
  'implausibleDate',
  'badNumber',
  'customerIdTooLong',
  'missingCustomer',
  'notPaid',
  'adjustment',
  'cancellation',
  'refundLine',
  'negativeQuantity',
  'zeroQuantity',
  'nonPositivePrice',
  'zeroAmount',
  'duplicate',
] as const;

export type DropReason = (typeof DROP_REASONS)[number];

export const DROP_REASON_LABELS: Record<DropReason, string> = {
  brokenQuote: 'Swallowed by a quote that is never closed',
  summaryLine: 'Report total or subtotal line',
  badDate: 'Unparseable or missing date',
  implausibleDate: 'Date before 1990 or in the future',
  badNumber: 'Unparseable quantity, price or amount',
  customerIdTooLong: 'Customer id longer than 200 characters',
  missingCustomer: 'Missing customer id',
  notPaid: 'Order or payment not paid (pending, voided, failed, cancelled)',
  adjustment: 'Adjustment line (invoice starts with A)',
  cancellation: 'Cancellation or credit note, kept as a refund',
  refundLine: 'Refund line, kept as a refund',
  negativeQuantity: 'Negative quantity or amount, kept as a refund',
  zeroQuantity: 'Zero quantity',
  nonPositivePrice: 'Zero or negative price on an item line (free item)',
  zeroAmount: 'Zero amount and no items on an order or payment row (not a purchase)',
  duplicate: 'Exact duplicate line',
};

/** Drop reasons whose lines are kept aside as refunds. */
export const REFUND_REASONS: readonly DropReason[] = ['cancellation', 'refundLine', 'negativeQuantity'];

export interface CleanOptions {
  /** Drop exact duplicate lines after the first. Default false: the source has legitimate repeats. */
  dropDuplicates?: boolean;
  /** Country names treated as unknown (compared case-insensitively after trimming). */
  unknownCountries?: string[];
  /** Name given to unknown countries. Default 'Unknown'. */
  unknownCountryName?: string;
  /** 'net' (default): purchases less the refunds matched to them; 'gross': the seeds' convention, refunds ignored. */
  value?: ValueBasis;
}

export interface CountryQuality {
  country: string;
  rows: number;
  customers: number;
  revenue: number;
}

/** The data-quality report: every input line is either kept or counted under one reason. */
export interface CleaningReport {
  totalRows: number;
  keptRows: number;
  dropped: Record<DropReason, number>;
  /** Exact duplicate lines (repeats of an earlier identical line), whether dropped or not. */
  duplicateLines: number;
  duplicatesDropped: boolean;
  /** Lines whose country was trimmed or mapped to unknown. */
  countriesNormalised: number;
  customersBefore: number;
  customersAfter: number;
  invoicesAfter: number;
  /** Purchase orders (an invoice of one customer); several on one day make one occasion. */
  purchaseOrders: number;
  /** Distinct (customer, calendar day) pairs with a purchase. */
  purchaseOccasions: number;
  /** Purchase orders whose value is zero (free or fully discounted): occasions without spend. */
  zeroValueOrders: number;
  valueBasis: ValueBasis;
  /** Revenue in the value basis: net (sum over customers of max(0, gross - refunds)) or gross. */
  revenueAfter: number;
  grossRevenue: number;
  /** Every refund attributed to a customer: refund lines and refunded amounts stated on purchase orders. */
  refunds: number;
  /** Net revenue without the per-customer floor: grossRevenue - refunds. */
  netRevenueUnfloored: number;
  netRevenue: number;
  /** ISO timestamps of the first and last kept lines, null when nothing is kept. */
  firstDate: string | null;
  lastDate: string | null;
  returns: {
    lines: number;
    customers: number;
    value: number;
    /** Refund lines matched to a purchase in the file (same order, else same customer and product on or before). */
    matchedLines: number;
    /** Refund lines that match no purchase in the file (often refunds of purchases made before it). */
    unmatchedLines: number;
    unmatchedValue: number;
  };
  countries: CountryQuality[];
}

/** The purchase orders of the cleaned lines, one entry per (invoice, customer). */
export interface PurchaseOrders {
  count: number;
  invoice: Int32Array;
  /** Index into the table's customers. */
  customer: Int32Array;
  /** Epoch ms of the order's first line. */
  date: Float64Array;
  gross: Float64Array;
  /** Gross less the refunds matched to the order, floored at 0. */
  net: Float64Array;
  /** Country code (table) of the order's first line. */
  country: Int32Array;
}

export interface CleanResult {
  /** Indices into the transaction table of the lines kept, ascending. */
  kept: Int32Array;
  /** Indices of refund lines (cancellations, refund lines, negative quantities or amounts, with a customer). */
  returns: Int32Array;
  /** Normalised country name per country code of the table. */
  countryNames: string[];
  /** The name `countryNames` gives a missing or unknown country (CleanOptions.unknownCountryName). */
  unknownCountryName: string;
  orders: PurchaseOrders;
  /** Per line: DROP_REASONS index + 1 of the rule that left it out, 0 when kept. */
  lineReason: Uint8Array;
  /** Per table customer: purchase occasions (distinct calendar days with a purchase). */
  customerOccasions: Float64Array;
  /** Per table customer: gross purchases and every refund attributed to the customer. */
  customerGross: Float64Array;
  customerRefunds: Float64Array;
  report: CleaningReport;
}
