import { formatInteger, formatMoneyCompact } from './format-number';

export type RfmDimension = 'recency' | 'frequency' | 'monetary';

/**
 * The values behind one R, F or M score, short enough for a chart's axis (the chart's title gives
 * the unit): "274–397" days, "1" order, "£713–£1.5K" (whole units of money from 10 up, bare number
 * when the currency is unknown); "none" when no filtered customer has the score.
 */
export function scoreRangeLabel(dimension: RfmDimension, min: number | null, max: number | null, currency: string | null): string {
  if (min === null || max === null) return 'none';
  let format: (v: number) => string;
  switch (dimension) {
    case 'recency':
    case 'frequency':
      format = formatInteger;
      break;
    case 'monetary':
      format = (v) => formatMoneyCompact(Math.abs(v) >= 10 ? Math.round(v) : v, currency);
      break;
    default: {
      const unknown: never = dimension;
      throw new Error(`Unknown RFM dimension ${String(unknown)}`);
    }
  }
  const [low, high] = [format(min), format(max)];
  return low === high ? low : `${low}–${high}`;
}
