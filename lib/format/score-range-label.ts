import { formatCount, formatInteger, formatMoneyCompact } from './format-number';

export type RfmDimension = 'recency' | 'frequency' | 'monetary';

/**
 * The values behind one R, F or M score, for a chart's axis: "2–4 days", "1 order", "£600–£1K";
 * "none" when no filtered customer has the score. Recency in days, frequency in orders,
 * monetary in the run's currency (bare number when it is unknown).
 */
export function scoreRangeLabel(dimension: RfmDimension, min: number | null, max: number | null, currency: string | null): string {
  if (min === null || max === null) return 'none';
  switch (dimension) {
    case 'recency':
      return min === max ? formatCount(min, 'day') : `${formatInteger(min)}–${formatCount(max, 'day')}`;
    case 'frequency':
      return min === max ? formatCount(min, 'order') : `${formatInteger(min)}–${formatCount(max, 'order')}`;
    case 'monetary': {
      const [low, high] = [formatMoneyCompact(min, currency), formatMoneyCompact(max, currency)];
      return low === high ? low : `${low}–${high}`;
    }
    default: {
      const unknown: never = dimension;
      throw new Error(`Unknown RFM dimension ${String(unknown)}`);
    }
  }
}
