import type { ScatterColumns } from './scatter-columns';

/** Sampled customers each cluster scatter chart cannot place on its log axes. */
export interface ScatterLeftOut {
  /** Recency vs frequency (orders on a log axis): customers with no orders. */
  recencyFrequency: number;
  /** Monetary value vs CLV (both on log axes): customers whose net spend or CLV is not positive, or who have no CLV. */
  monetaryClv: number;
}

/** How many of the sampled points (as sent, money in cents) each cluster scatter chart leaves out because a log axis cannot show them. */
export function scatterLeftOut(columns: Pick<ScatterColumns, 'frequency' | 'monetary' | 'clv'>): ScatterLeftOut {
  let recencyFrequency = 0;
  let monetaryClv = 0;
  for (let i = 0; i < columns.frequency.length; i++) {
    if (!(columns.frequency[i] > 0)) recencyFrequency++;
    const clv = columns.clv[i];
    if (!(columns.monetary[i] > 0) || clv === null || !(clv > 0)) monetaryClv++;
  }
  return { recencyFrequency, monetaryClv };
}

/** The sentence naming what the cluster charts leave out ("2 with no positive spend or CLV are left out of ..."); '' when nothing is. */
export function scatterLeftOutSentence(left: ScatterLeftOut, format: (n: number) => string): string {
  const parts: string[] = [];
  if (left.recencyFrequency > 0) parts.push(`${format(left.recencyFrequency)} with no orders ${left.recencyFrequency === 1 ? 'is' : 'are'} left out of the recency vs frequency chart`);
  if (left.monetaryClv > 0) parts.push(`${format(left.monetaryClv)} with no positive net spend or CLV ${left.monetaryClv === 1 ? 'is' : 'are'} left out of the monetary value vs CLV chart`);
  return parts.length === 0 ? '' : `${parts.join('; ')} (log axes cannot show 0 or less).`;
}
