const MISSING = new Set(['', 'nan', 'null', 'none', 'na', 'n/a', '#n/a', 'undefined', '-']);
const FLOAT_INTEGER = /^(-?\d+)\.0*$/;

/**
 * Normalise a customer id: trim, treat empty / NaN / NULL as missing (null), and write
 * integral floats such as `17850.0` as `17850` so both spellings are one customer.
 */
export function parseCustomerId(text: string): string | null {
  const value = text.trim();
  if (MISSING.has(value.toLowerCase())) return null;
  const m = FLOAT_INTEGER.exec(value);
  return m ? m[1] : value;
}
