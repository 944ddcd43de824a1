/** Why a transaction line was left out of the analysis, in the order the rules are applied. */
export const DROP_REASONS = [
  'badDate',
  'badNumber',
  'missingCustomer',
  'adjustment',
  'cancellation',
  'negativeQuantity',
  'zeroQuantity',
  'nonPositivePrice',
  'duplicate',
] as const;

export type DropReason = (typeof DROP_REASONS)[number];

export const DROP_REASON_LABELS: Record<DropReason, string> = {
  badDate: 'Unparseable or missing date',
  badNumber: 'Unparseable quantity or price',
  missingCustomer: 'Missing customer id',
  adjustment: 'Adjustment line (invoice starts with A)',
  cancellation: 'Cancellation invoice (starts with C), kept as a return',
  negativeQuantity: 'Negative quantity, kept as a return',
  zeroQuantity: 'Zero quantity',
  nonPositivePrice: 'Zero or negative unit price',
  duplicate: 'Exact duplicate line',
};

export interface CleanOptions {
  /** Drop exact duplicate lines after the first. Default false: the source has legitimate repeats. */
  dropDuplicates?: boolean;
  /** Country names treated as unknown (compared case-insensitively after trimming). */
  unknownCountries?: string[];
  /** Name given to unknown countries. Default 'Unknown'. */
  unknownCountryName?: string;
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
  revenueAfter: number;
  /** ISO timestamps of the first and last kept lines, null when nothing is kept. */
  firstDate: string | null;
  lastDate: string | null;
  returns: { lines: number; customers: number; value: number };
  countries: CountryQuality[];
}

export interface CleanResult {
  /** Indices into the transaction table of the lines kept, ascending. */
  kept: Int32Array;
  /** Indices of return lines (cancellations and negative quantities with a customer id). */
  returns: Int32Array;
  /** Normalised country name per country code of the table. */
  countryNames: string[];
  report: CleaningReport;
}
