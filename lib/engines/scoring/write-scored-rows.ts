import { isoDay } from '../calendar';
import { csvRow } from '../pipeline/csv';
import { combinedSegmentName, STATUS_BASIS_LABELS } from '../pipeline/customer-status';
import { formatRfmCode } from '../rfm/rfm-code';
import type { ScoredCustomers } from './score-customers';

type Cell = string | number | null;

const round = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/** Column names of the scored table, in order. */
export function scoredColumnNames(scored: ScoredCustomers): string[] {
  return scoredColumns(scored).map(([name]) => name);
}

function scoredColumns(s: ScoredCustomers): [string, (c: number) => Cell][] {
  const f = s.features;
  const status = (c: number) => s.churn.labels[s.churn.status[c]];
  const segment = (c: number) => s.rfm.segmentNames[s.rfm.segment[c]];
  const columns: [string, (c: number) => Cell][] = [
    ['customer_id', (c) => f.ids[c]],
    ['first_purchase_date', (c) => isoDay(f.firstPurchase[c])],
    ['last_purchase_date', (c) => isoDay(f.lastPurchase[c])],
    ['recency_days', (c) => f.recency[c]],
    ['frequency', (c) => f.frequency[c]],
    ['monetary', (c) => round(f.monetary[c], 2)],
    // The money columns' currency (monetary, CLV), as the customers export writes it.
    ['currency', () => s.currency],
    ['r_score', (c) => s.rfm.r[c]],
    ['f_score', (c) => s.rfm.f[c]],
    ['m_score', (c) => s.rfm.m[c]],
    ['rfm_code', (c) => formatRfmCode(s.rfm.codes[c])],
    ['segment', segment],
    ['churn_status', status],
    ['churn_basis', (c) => STATUS_BASIS_LABELS[s.churn.basis[c]]],
    ['combined_segment', (c) => combinedSegmentName(status(c), segment(c))],
  ];
  for (const cluster of s.clusters) {
    columns.push([`cluster_${cluster.method}`, (c) => cluster.labels[c]], [`cluster_${cluster.method}_name`, (c) => cluster.names[cluster.labels[c]] ?? null]);
  }
  const ltv = s.models.lifetimeValue;
  if (ltv) {
    columns.push(
      ['p_alive', (c) => round(s.pAlive[c], 4)],
      [`expected_purchases_${ltv.horizonMonths}m`, (c) => round(s.expectedPurchases[c], 4)],
      [`clv_${ltv.horizonMonths}m`, (c) => round(s.clv[c], 2)],
    );
  }
  return columns;
}

/** The scored customers as CSV text in blocks of `blockRows` rows, header first. */
export function* writeScoredRows(scored: ScoredCustomers, blockRows = 5000): Generator<string> {
  const columns = scoredColumns(scored);
  yield csvRow(columns.map(([name]) => name));
  let block = '';
  for (let c = 0; c < scored.features.count; c++) {
    block += csvRow(columns.map(([, value]) => value(c)));
    if ((c + 1) % blockRows === 0) {
      yield block;
      block = '';
    }
  }
  if (block.length > 0) yield block;
}
