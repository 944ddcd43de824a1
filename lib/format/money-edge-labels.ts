import { isoCurrency } from './format-number';

// Compact money ("£1.5K") with up to 1 decimal of its unit, and with every decimal it has (to check the first is exact).
const compactFormat = (code: string | null, fractionDigits: number) =>
  new Intl.NumberFormat('en-US', {
    ...(code ? { style: 'currency' as const, currency: code } : {}),
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: fractionDigits,
  });

const fullFormat = (code: string | null, fractionDigits: number) =>
  new Intl.NumberFormat('en-US', {
    ...(code ? { style: 'currency' as const, currency: code } : {}),
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });

// The fewest decimals (0, else 2 as money has, up to 4 for very narrow bins) that write every value exactly.
function decimalsFor(values: readonly number[]): number {
  for (const digits of [0, 2, 3, 4]) {
    const scale = 10 ** digits;
    if (values.every((v) => Math.abs(Math.round(v * scale) - v * scale) < 1e-6)) return digits;
  }
  return 4;
}

/**
 * Labels for the edges of equal-width money bins (a histogram's axis), one per value, each exact
 * and all alike: compact ("£250K", "£1.5M") only when every edge is a whole amount that compact
 * writes exactly and no two labels are the same; otherwise grouped digits with the same decimals
 * for all ("£1,250", "£1,500", "£1,750"; "£2.50", "£5.00"). `currency` is an ISO 4217 code; any
 * other marker (or none) gives bare numbers.
 */
export function moneyEdgeLabels(values: readonly number[], currency?: string | null): string[] {
  const code = isoCurrency(currency);
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.every((v) => Number.isInteger(v))) {
    const short = compactFormat(code, 1);
    const exact = compactFormat(code, 6);
    const labels = values.map((v) => short.format(v));
    if (values.every((v, i) => labels[i] === exact.format(v)) && new Set(labels).size === labels.length) return labels;
  }
  const full = fullFormat(code, decimalsFor(finite));
  return values.map((v) => (Number.isFinite(v) ? full.format(v) : '–'));
}
