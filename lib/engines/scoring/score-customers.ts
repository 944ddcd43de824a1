import { computeClv } from '../btyd/clv';
import { summarizeCustomers } from '../btyd/summarize';
import { DAY_MS } from '../calendar';
import { cleanTransactions } from '../clean/clean-transactions';
import type { CleaningReport } from '../clean/types';
import { EngineError } from '../errors';
import { computeCustomerFeatures } from '../features/compute-customer-features';
import type { CustomerFeatures } from '../features/types';
import { readTransactions } from '../ingest/read-transactions';
import type { IngestOptions, IngestReport } from '../ingest/types';
import { countChurnedAsLost } from '../pipeline/count-churned-as-lost';
import { customerStatus, type CustomerStatusResult } from '../pipeline/customer-status';
import { churnStatus } from '../rfm/churn-status';
import { rfmCodeOf } from '../rfm/rfm-code';
import { buildSegmentLookup, OTHERS_SEGMENT, validateSegmentRules } from '../rfm/segment-rules';
import type { RfmDimension } from '../rfm/types';
import { placeInClusters } from './place-in-clusters';
import { scoringCurrency } from './scoring-currency';
import { standardise } from './standardise';
import { RUN_MODELS_VERSION, type RunModels, type StoredClusterModel, type StoredScoreRule } from './types';

export interface ScoreCustomersOptions {
  /** How to read the new file (detected from the file where not given) and the limits on reading it. */
  reading?: IngestOptions;
  /** Epoch ms the new file is scored as of; default from the run's snapshot rule (see RunModels.snapshot). */
  snapshot?: number;
  /** The run's currency (ISO code, or a sign such as '$'); a file in another is refused (see scoringCurrency). Null or absent: not checked. */
  runCurrency?: string | null;
}

export interface ScoredClusters {
  method: StoredClusterModel['method'];
  labels: Int32Array;
  names: string[];
}

export interface ScoredCustomers {
  ingest: IngestReport;
  cleaning: CleaningReport;
  features: CustomerFeatures;
  /** Epoch ms the file was scored as of. */
  snapshot: number;
  /** The currency of the scored money: the file's, which is the run's; null when neither says. */
  currency: string | null;
  rfm: { r: Uint8Array; f: Uint8Array; m: Uint8Array; codes: Uint16Array; segment: Uint8Array; segmentNames: string[] };
  churn: CustomerStatusResult;
  /** Per customer; NaN where the run's model cannot tell (as the run shows it) or no lifetime-value model was fitted. */
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  clv: Float64Array;
  clusters: ScoredClusters[];
  models: RunModels;
}

/** 1-5 score of a raw value under a stored rule; recency (descending) reverses the bins. */
function scoreColumn(values: Float64Array, rule: StoredScoreRule, descending: boolean): Uint8Array {
  const scores = new Uint8Array(values.length);
  if (rule.kind === 'constant') return scores.fill(3);
  const [q1, q2, q3, q4] = rule.breaks;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const bin = 1 + +(v > q1) + +(v > q2) + +(v > q3) + +(v > q4);
    scores[i] = descending ? 6 - bin : bin;
  }
  return scores;
}

/** The day a new file is scored as of: given, or the run's fixed date when the file ends before it, else the day after its last purchase. */
function snapshotFor(models: RunModels, cleaning: CleaningReport, given: number | undefined): number | undefined {
  if (given !== undefined) return given;
  if (models.snapshot.rule !== 'fixed' || cleaning.lastDate === null) return undefined;
  const fixed = Date.parse(`${models.snapshot.date}T00:00:00Z`);
  return Math.floor(Date.parse(cleaning.lastDate) / DAY_MS) * DAY_MS < fixed ? fixed : undefined;
}

/**
 * Score the customers of a new transaction file with a run's stored models, refitting nothing:
 * the file is read and cleaned with the run's cleaning options, features are computed as of the
 * snapshot (see ScoreCustomersOptions.snapshot), RFM scores come from the run's breaks (not
 * re-quintiled) and segments from its rules, clusters from its scaler and each method's placement
 * rule, P(alive), expected purchases and CLV from its purchase and spend parameters, churn status
 * from its P(alive) thresholds (the days-silent rule where P(alive) is not shown).
 * A file equal to the run's input gets the run's own assignments back.
 * @throws EngineError as readTransactions and computeCustomerFeatures for an unreadable or empty
 *   file; INVALID_INPUT for models of another version; CURRENCY_MISMATCH for a file in another
 *   currency than `runCurrency`
 * @example
 * const scored = await scoreCustomers(fs.createReadStream('new.csv'), models);
 * scored.rfm.segmentNames[scored.rfm.segment[0]]; // e.g. 'Champions'
 */
export async function scoreCustomers(source: AsyncIterable<Uint8Array>, models: RunModels, options: ScoreCustomersOptions = {}): Promise<ScoredCustomers> {
  if (models.version !== RUN_MODELS_VERSION) {
    throw new EngineError('INVALID_INPUT', `These models were stored in layout version ${String(models.version)}; this version of Segmenta reads version ${RUN_MODELS_VERSION}. Re-run the analysis to store them again.`);
  }
  validateSegmentRules(models.rfm.rules);
  const ingested = await readTransactions(source, options.reading ?? {});
  const currency = scoringCurrency(options.runCurrency ?? null, ingested.report.reading);
  const cleaned = cleanTransactions(ingested.table, models.cleaning);
  if (cleaned.kept.length === 0) throw new EngineError('NO_VALID_ROWS', 'Nothing to score: no line of the file is a purchase with a customer id after cleaning.');
  const { features, purchases } = computeCustomerFeatures(ingested.table, cleaned, {
    snapshot: snapshotFor(models, cleaned.report, options.snapshot),
    homeCountry: models.homeCountry,
    value: models.cleaning.value,
  });
  const n = features.count;

  const column = (dimension: RfmDimension) => scoreColumn(features[dimension], models.rfm.scores[dimension], dimension === 'recency');
  const r = column('recency');
  const f = column('frequency');
  const m = column('monetary');
  const lookup = buildSegmentLookup(models.rfm.rules);
  const codes = new Uint16Array(n);
  const segment = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    codes[c] = rfmCodeOf(r[c], f[c], m[c]);
    segment[c] = lookup[(r[c] - 1) * 25 + (f[c] - 1) * 5 + (m[c] - 1)];
  }
  const segmentNames = [...models.rfm.rules.map((rule) => rule.name), OTHERS_SEGMENT];

  const pAlive = new Float64Array(n).fill(NaN);
  const expectedPurchases = new Float64Array(n).fill(NaN);
  const clv = new Float64Array(n).fill(NaN);
  const ltv = models.lifetimeValue;
  if (ltv) {
    const summary = summarizeCustomers(purchases, { nCustomers: n, observationEnd: features.snapshot / DAY_MS, unit: ltv.unit });
    const predicted = computeClv(
      { ...ltv.purchase, unit: ltv.unit, logCovariance: null },
      ltv.spend ? { params: ltv.spend, logCovariance: null } : null,
      summary,
      // As the run: without identified dropout nobody is predicted to stop buying.
      { horizonMonths: ltv.horizonMonths, discountRate: ltv.discountRate, monthLengthDays: ltv.monthLengthDays, intervalDraws: 0, withoutDropout: !ltv.pAliveShown },
    );
    for (let row = 0; row < summary.customer.length; row++) {
      const c = summary.customer[row];
      expectedPurchases[c] = predicted.expectedPurchases[row];
      clv[c] = predicted.clv[row];
      // As the run: no P(alive) where dropout is not identified, nor for BG/NBD's one-time buyers (100 % by construction).
      if (ltv.pAliveShown && !(ltv.purchase.model === 'bgnbd' && summary.x[row] === 0)) pAlive[c] = predicted.pAlive[row];
    }
  }
  const churn = customerStatus(
    churnStatus({ recency: features.recency, occasions: features.occasions, tenure: features.tenure }),
    pAlive,
    models.churn.pAliveThresholds,
  );
  // As the run: without identified dropout, customers the days-silent rule calls Churned are counted as lost.
  if (ltv && !ltv.pAliveShown) countChurnedAsLost(churn.status, [expectedPurchases, clv]);

  const clusters: ScoredClusters[] = [];
  const scaler = models.clustering;
  if (scaler) {
    const d = scaler.features.length;
    const columns = scaler.features.map((name) => {
      const values = (features as unknown as Record<string, unknown>)[name];
      if (!(values instanceof Float64Array)) throw new EngineError('INVALID_INPUT', `The stored clustering uses a feature "${name}" this version does not compute.`);
      return values;
    });
    const data = new Float64Array(n * d);
    for (let c = 0; c < n; c++) standardise(columns, c, scaler.means, scaler.stds, scaler.log, data.subarray(c * d, (c + 1) * d));
    for (const model of scaler.methods) clusters.push({ method: model.method, labels: placeInClusters(model, data, n, d), names: model.names });
  }

  return { ingest: ingested.report, cleaning: cleaned.report, features, snapshot: features.snapshot, currency, rfm: { r, f, m, codes, segment, segmentNames }, churn, pAlive, expectedPurchases, clv, clusters, models };
}
