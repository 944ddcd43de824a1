import type { ValueBasis } from '../ingest/types';
export type { PurchaseColumns } from '../btyd/types';

/** A product category recognised by keywords in the product description. */
export interface ProductCategory {
  name: string;
  /** Whole words or phrases, matched case-insensitively. */
  keywords: string[];
}

export interface FeatureOptions {
  /** Day the analysis looks back from (epoch ms). Default: the day after the last purchase. */
  snapshot?: number;
  /** Categories tried in order; a description matching none falls into 'other'. */
  categories?: ProductCategory[];
  /** Country treated as the home market. Default: the known country with the most revenue ('' when no country is known). */
  homeCountry?: string;
  /** 'net' (default): monetary value net of refunds; 'gross': the seeds' convention. */
  value?: ValueBasis;
}

/** One row per customer, column by column. Days are whole calendar days. */
export interface CustomerFeatures {
  count: number;
  /** Customer ids, sorted (numerically when every id is a number). */
  ids: string[];
  /** Index of each customer in the transaction table's customer dictionary. */
  tableCustomer: Int32Array;
  /** Days from the last purchase to the snapshot. */
  recency: Float64Array;
  /** Purchase orders (distinct invoices, orders or payments). */
  frequency: Float64Array;
  /** Purchase occasions: distinct calendar days with a purchase. */
  occasions: Float64Array;
  /** Value in the analysis's basis: net max(0, grossSpend - refunds), or grossSpend. */
  monetary: Float64Array;
  /** Sum of the customer's purchase orders at full value. */
  grossSpend: Float64Array;
  /** Every refund attributed to the customer (refund lines and refunded amounts on orders). */
  refunds: Float64Array;
  averageOrderValue: Float64Array;
  /** Days from the first purchase to the snapshot. */
  tenure: Float64Array;
  distinctProducts: Float64Array;
  /** Refunds divided by gross spend. */
  returnRate: Float64Array;
  returnedValue: Float64Array;
  returnLines: Float64Array;
  firstPurchase: Float64Array;
  lastPurchase: Float64Array;
  /** Category names, 'other' last. */
  categories: string[];
  /** Revenue share per category, row-major: customer × categories. */
  mix: Float64Array;
  /** Index into `countries`. */
  primaryCountry: Int32Array;
  countries: string[];
  /** The home market; '' when no customer's country is known, and then no customer is in it. */
  homeCountry: string;
  homeMarket: Uint8Array;
  /** Snapshot day (epoch ms at midnight). */
  snapshot: number;
}
