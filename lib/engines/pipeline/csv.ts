const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Quote a value for CSV (RFC 4180) and neutralise text a spreadsheet would run as a formula
 * (cells starting with =, +, -, @, tab or carriage return get a leading apostrophe).
 * Numbers are written as they are, so negative amounts stay numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
