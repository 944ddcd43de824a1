import 'server-only';
import { cache } from 'react';
import type { AnalysisSummary } from '../../../engines/pipeline/summarize-analysis';
import { suggestedCustomerAction } from '../../../engines/rfm/segment-actions';
import { DEFAULT_SEGMENT_RULES } from '../../../engines/rfm/segment-rules';
import type { SegmentRules } from '../../../engines/rfm/types';
import { getDatabase } from '../../db/database';
import { getRunMoney, type RunMoneyDto } from '../get-run-money';
import { runFact } from '../run-fact';
import { lifetimeValueNotesFromSummary } from '../lifetime-value/get-lifetime-value-notes';
import { describeChurnStatus, describeDaysSilentFigures } from './describe-churn-status';
import { explainCustomerSegment } from './explain-customer-segment';
import { pAliveReason } from './p-alive-reason';

export interface CustomerClusterDto {
  method: 'kmeans' | 'gmm' | 'hierarchical';
  label: string;
  cluster: number | null;
  name: string | null;
}

export interface CustomerDetailDto {
  runId: number;
  customerId: string;
  country: string;
  homeMarket: boolean;
  recency: number;
  /** Orders (RFM frequency). */
  frequency: number;
  /** Purchase occasions: distinct days with an order; null for runs saved before they were stored. */
  occasions: number | null;
  monetary: number;
  averageOrderValue: number;
  tenure: number;
  distinctProducts: number;
  returnRate: number;
  productMix: { category: string; share: number }[];
  rScore: number;
  fScore: number;
  mScore: number;
  rfmCode: string;
  segment: string;
  churnStatus: string;
  /** The status with what decided it: "Churned · P(alive) 12.0%" or "Churned · by days silent". */
  churnStatusLabel: string;
  /** 'P(alive)' or 'rules' (days silent against the customer's own gap). */
  churnBasis: string;
  /** For the days-silent rule, the usual gap and thresholds behind the status; null otherwise (describeDaysSilentFigures). */
  churnFigures: string | null;
  /** "At Risk · Loyal Customers" */
  combinedSegment: string;
  clusters: CustomerClusterDto[];
  /** Null where the model cannot tell; pAliveReason says why. */
  pAlive: number | null;
  pAliveReason: string | null;
  expectedPurchases: number | null;
  expectedSpend: number | null;
  clv: number | null;
  clvLower: number | null;
  clvUpper: number | null;
  /** The sentence the CLV figure carries (the model lost to the naive baseline, ...); null when none. */
  clvCaveat: string | null;
  /** Central coverage of the CLV interval (0.9), null when the run drew none. */
  intervalLevel: number | null;
  horizonMonths: number | null;
  firstPurchase: string;
  lastPurchase: string;
  snapshot: string | null;
  explanation: string;
  action: string | null;
  /** The run's currency and value basis, for labelling the money figures. */
  money: RunMoneyDto;
}

type Summary = Partial<Pick<AnalysisSummary, 'options' | 'lifetimeValue' | 'churnBasis'>>;

const day = (date: Date) => date.toISOString().slice(0, 10);

// What the page needs of the run's parameters and metrics (not the whole metrics document), once per data change.
const customerRunFacts = runFact('customer-run-facts', async (runId) => {
  const db = await getDatabase();
  const run = await db.prisma.run.findUnique({ where: { id: runId }, select: { parameters: true, metrics: true } });
  if (!run) return null;
  const metrics = (run.metrics ?? {}) as Summary;
  const summary: Summary = { options: metrics.options, lifetimeValue: metrics.lifetimeValue, churnBasis: metrics.churnBasis };
  return { summary, parameters: { segmentRules: ((run.parameters ?? {}) as { segmentRules?: SegmentRules }).segmentRules } };
});

/** One customer of a run with its scores, model outputs and the reason for its segment; null when unknown. Read once per request. */
export const getCustomerDetail = cache(async (runId: number, customerId: string): Promise<CustomerDetailDto | null> => {
  const db = await getDatabase();
  const [customer, run, money] = await Promise.all([
    db.prisma.customerResult.findUnique({ where: { runId_customerId: { runId, customerId } } }),
    customerRunFacts(runId),
    getRunMoney(runId),
  ]);
  if (!customer || !run) return null;

  const { summary, parameters } = run;
  const rules = Array.isArray(parameters.segmentRules) ? parameters.segmentRules : DEFAULT_SEGMENT_RULES;
  const snapshot = summary.options?.snapshot ?? null;
  const ltv = summary.lifetimeValue?.status === 'done' ? summary.lifetimeValue : null;
  const mix = (customer.productMix ?? {}) as Record<string, number>;
  const notes = lifetimeValueNotesFromSummary(summary);

  return {
    runId,
    customerId: customer.customerId,
    country: customer.country,
    homeMarket: customer.homeMarket,
    recency: customer.recency,
    frequency: customer.frequency,
    occasions: customer.occasions,
    monetary: customer.monetary,
    averageOrderValue: customer.averageOrderValue,
    tenure: customer.tenure,
    distinctProducts: customer.distinctProducts,
    returnRate: customer.returnRate,
    productMix: Object.entries(mix)
      .filter(([, share]) => typeof share === 'number')
      .map(([category, share]) => ({ category, share }))
      .sort((a, b) => b.share - a.share),
    rScore: customer.rScore,
    fScore: customer.fScore,
    mScore: customer.mScore,
    rfmCode: customer.rfmCode,
    segment: customer.segment,
    churnStatus: customer.churnStatus,
    churnStatusLabel: describeChurnStatus(customer.churnStatus, customer.churnBasis, customer.pAlive),
    churnBasis: customer.churnBasis,
    churnFigures: describeDaysSilentFigures(customer.churnStatus, customer.churnBasis, customer.recency, customer.occasions, customer.tenure),
    combinedSegment: customer.combinedSegment,
    clusters: [
      { method: 'kmeans', label: 'k-means', cluster: customer.clusterKmeans, name: customer.clusterKmeansName },
      { method: 'gmm', label: 'Gaussian mixture', cluster: customer.clusterGmm, name: customer.clusterGmmName },
      { method: 'hierarchical', label: 'Hierarchical (Ward)', cluster: customer.clusterHierarchical, name: customer.clusterHierarchicalName },
    ],
    pAlive: customer.pAlive,
    pAliveReason: pAliveReason(notes, { pAlive: customer.pAlive, frequency: customer.frequency }),
    clvCaveat: notes.caveat,
    expectedPurchases: customer.expectedPurchases,
    expectedSpend: customer.expectedSpend,
    clv: customer.clv,
    clvLower: customer.clvLower,
    clvUpper: customer.clvUpper,
    intervalLevel: ltv?.interval?.level ?? null,
    horizonMonths: ltv?.horizonMonths ?? null,
    firstPurchase: day(customer.firstPurchase),
    lastPurchase: day(customer.lastPurchase),
    snapshot,
    explanation: explainCustomerSegment({
      frequency: customer.frequency,
      occasions: customer.occasions,
      recency: customer.recency,
      monetary: customer.monetary,
      rScore: customer.rScore,
      fScore: customer.fScore,
      mScore: customer.mScore,
      segment: customer.segment,
      rules,
      snapshot,
      money,
    }),
    action: suggestedCustomerAction(customer.segment, customer.churnStatus),
    money,
  };
});
