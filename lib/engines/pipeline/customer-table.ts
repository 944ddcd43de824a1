import { formatRfmCode } from '../rfm/rfm-code';
import { csvRow } from './csv';
import { combinedSegmentName, STATUS_BASIS_LABELS } from './customer-status';
import type { AnalysisResult } from './types';
import { isoDay } from '../calendar';

type Cell = string | number | null;

export interface CustomerColumn {
  name: string;
  value: (customer: number) => Cell;
}

const round = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/** The per-customer output table: features, RFM, churn, clusters and lifetime value. */
export function customerTableColumns(result: AnalysisResult): CustomerColumn[] {
  const f = result.features;
  // A file without a country column has no country to report (not "Unknown").
  const hasCountry = result.ingest.mapping.country !== null;
  const columns: CustomerColumn[] = [
    { name: 'customer_id', value: (c) => f.ids[c] },
    { name: 'country', value: (c) => (hasCountry ? f.countries[f.primaryCountry[c]] : null) },
    { name: 'home_market', value: (c) => f.homeMarket[c] },
    { name: 'first_purchase_date', value: (c) => isoDay(f.firstPurchase[c]) },
    { name: 'last_purchase_date', value: (c) => isoDay(f.lastPurchase[c]) },
    { name: 'recency_days', value: (c) => f.recency[c] },
    { name: 'frequency', value: (c) => f.frequency[c] },
    { name: 'purchase_orders', value: (c) => f.frequency[c] },
    { name: 'occasions', value: (c) => f.occasions[c] },
    { name: 'gross_spend', value: (c) => round(f.grossSpend[c], 2) },
    { name: 'refunds', value: (c) => round(f.refunds[c], 2) },
    { name: 'net_spend', value: (c) => round(Math.max(0, f.grossSpend[c] - f.refunds[c]), 2) },
    { name: 'monetary', value: (c) => round(f.monetary[c], 2) },
    { name: 'average_order_value', value: (c) => round(f.averageOrderValue[c], 2) },
    { name: 'tenure_days', value: (c) => f.tenure[c] },
    { name: 'distinct_products', value: (c) => f.distinctProducts[c] },
    { name: 'return_rate', value: (c) => round(f.returnRate[c], 4) },
    ...f.categories.map((category, j) => ({
      name: `share_${category.replace(/\W+/g, '_')}`,
      value: (c: number) => round(f.mix[c * f.categories.length + j], 4),
    })),
    { name: 'r_score', value: (c) => result.rfm.r[c] },
    { name: 'f_score', value: (c) => result.rfm.f[c] },
    { name: 'm_score', value: (c) => result.rfm.m[c] },
    { name: 'rfm_code', value: (c) => formatRfmCode(result.rfm.codes[c]) },
    { name: 'segment', value: (c) => result.rfm.segmentNames[result.rfm.segment[c]] },
    { name: 'churn_status', value: (c) => result.churn.labels[result.churn.status[c]] },
    { name: 'churn_basis', value: (c) => STATUS_BASIS_LABELS[result.churn.basis[c]] },
    { name: 'combined_segment', value: (c) => combinedSegmentName(result.churn.labels[result.churn.status[c]], result.rfm.segmentNames[result.rfm.segment[c]]) },
  ];
  if (result.clustering.status === 'done') {
    for (const [method, outcome] of Object.entries(result.clustering.result.methods)) {
      if (!outcome) continue;
      const names = outcome.profiles.clusters.map((p) => p.name);
      columns.push({ name: `cluster_${method}`, value: (c) => outcome.labels[c] });
      columns.push({ name: `cluster_${method}_name`, value: (c) => names[outcome.labels[c]] ?? null });
    }
  }
  if (result.lifetimeValue.status === 'done') {
    const { result: ltv, summary, rowOfCustomer, shownPAlive, caveat } = result.lifetimeValue;
    const at = (array: Float64Array, digits: number) => (c: number) => (rowOfCustomer[c] >= 0 ? round(array[rowOfCustomer[c]], digits) : null);
    columns.push(
      { name: `x_repeat_${ltv.unit}`, value: at(ltv.x, 0) },
      { name: `t_x_${ltv.unit}`, value: at(ltv.tx, 4) },
      { name: `T_${ltv.unit}`, value: at(ltv.T, 4) },
      { name: 'mean_repeat_value', value: at(summary.meanRepeatValue, 2) },
      // Empty where the model cannot tell (see the run's pAliveNote).
      { name: 'p_alive', value: (c) => round(shownPAlive[c], 4) },
      { name: `expected_purchases_${ltv.horizonMonths}m`, value: at(ltv.expectedPurchases, 4) },
      { name: 'expected_spend_per_purchase', value: at(ltv.expectedSpend, 2) },
      { name: `clv_${ltv.horizonMonths}m`, value: at(ltv.clv, 2) },
      { name: 'clv_lower', value: at(ltv.clvLower, 2) },
      { name: 'clv_upper', value: at(ltv.clvUpper, 2) },
      { name: 'clv_caveat', value: () => caveat },
    );
  }
  return columns;
}

/** Yield the customer table as CSV text in blocks of `blockRows` rows, header first. */
export function* writeCustomerRows(result: AnalysisResult, blockRows = 5000): Generator<string> {
  const columns = customerTableColumns(result);
  yield csvRow(columns.map((c) => c.name));
  let block = '';
  for (let c = 0; c < result.features.count; c++) {
    block += csvRow(columns.map((col) => col.value(c)));
    if ((c + 1) % blockRows === 0) {
      yield block;
      block = '';
    }
  }
  if (block.length > 0) yield block;
}
