import { evaluateHoldout } from '../btyd/holdout';
import { fitLifetimeValue } from '../btyd/fit-lifetime-value';
import { summarizeCustomers } from '../btyd/summarize';
import { cleanTransactions } from '../clean/clean-transactions';
import { runClustering } from '../clustering/run-clustering';
import { EngineError, isEngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import { computeCustomerFeatures } from '../features/compute-customer-features';
import { readTransactions } from '../ingest/read-transactions';
import { pickReadingOptions } from '../ingest/types';
import { churnStatus } from '../rfm/churn-status';
import { scoreRfm } from '../rfm/score-rfm';
import { cloneSegmentRules, DEFAULT_SEGMENT_RULES } from '../rfm/segment-rules';
import { topCustomers } from '../rfm/top-customers';
import {
  ANALYSIS_STAGES,
  type AnalysisHooks,
  type AnalysisOptions,
  type AnalysisResult,
  type AnalysisStage,
  type SkippedStage,
} from './types';
import { DAY_MS, isoDay } from '../calendar';

const TOP_N = 20;
const MIN_HOLDOUT_SPAN_DAYS = 28;

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  seed: 42,
  value: 'net',
  dropDuplicates: false,
  method: 'all',
  kMin: 2,
  kMax: 10,
  clusterFeatures: ['recency', 'frequency', 'monetary'],
  model: 'bgnbd',
  unit: 'weeks',
  horizonMonths: 6,
  discountRate: 0.01,
  penalizer: 0,
};

/** Where each stage's share of the progress bar starts. */
const STAGE_START: Record<AnalysisStage, number> = {
  ingest: 0,
  clean: 0.45,
  features: 0.5,
  rfm: 0.55,
  lifetimeValue: 0.58,
  holdout: 0.7,
  clustering: 0.8,
};

const STAGE_MESSAGE: Record<AnalysisStage, string> = {
  ingest: 'Reading transactions',
  clean: 'Cleaning transactions',
  features: 'Computing customer features',
  rfm: 'Scoring RFM segments',
  lifetimeValue: 'Fitting lifetime-value models',
  holdout: 'Validating on the holdout period',
  clustering: 'Clustering customers',
};

/** Top-N customers by a column that is NaN where a model did not run; those customers are left out. */
function topFinite(values: Float64Array, count: number): Int32Array {
  const rows: number[] = [];
  for (let c = 0; c < values.length; c++) if (Number.isFinite(values[c])) rows.push(c);
  if (rows.length === 0) return new Int32Array(0);
  const top = topCustomers(Float64Array.from(rows, (c) => values[c]), count);
  return top.map((i) => rows[i]);
}

/** A stage that the data cannot support is skipped with its reason; a wrong option or a bug still fails the run. */
function skipped(error: unknown): SkippedStage {
  if (isEngineError(error) && error.code !== 'INVALID_OPTION') return { status: 'skipped', reason: error.message, code: error.code };
  throw error;
}

/**
 * Run the whole pipeline on a transaction log: ingest, clean, customer features, RFM,
 * lifetime value, holdout validation and clustering. Stages that cannot run on the data
 * (too few customers, no repeat buyers, ...) are reported as skipped with a reason; input
 * that cannot be analysed at all throws an EngineError.
 * @example
 * const result = await runAnalysis(fs.createReadStream('online_retail.csv.gz'), { seed: 7 });
 * result.cleaning.keptRows; // 397884
 */
export async function runAnalysis(
  source: AsyncIterable<Uint8Array>,
  options: Partial<AnalysisOptions> = {},
  hooks: AnalysisHooks = {},
): Promise<AnalysisResult> {
  const o = mergeOptions(DEFAULT_ANALYSIS_OPTIONS, options);
  const clock = hooks.clock ?? (() => performance.now());
  const timings = Object.fromEntries(ANALYSIS_STAGES.map((s) => [s, 0])) as Record<AnalysisStage, number>;
  const report = (stage: AnalysisStage, within = 0, message = STAGE_MESSAGE[stage]) => {
    const next = ANALYSIS_STAGES.indexOf(stage) + 1 < ANALYSIS_STAGES.length ? STAGE_START[ANALYSIS_STAGES[ANALYSIS_STAGES.indexOf(stage) + 1]] : 1;
    hooks.onProgress?.({ stage, fraction: STAGE_START[stage] + (next - STAGE_START[stage]) * within, message });
  };
  const timed = <T>(stage: AnalysisStage, work: () => T): T => {
    report(stage);
    const start = clock();
    const value = work();
    timings[stage] = clock() - start;
    return value;
  };

  report('ingest');
  const start = clock();
  const ingested = await readTransactions(source, {
    ...pickReadingOptions(o),
    totalBytes: hooks.totalBytes,
    onProgress: (p) => {
      const within = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
      report('ingest', within, `Reading transactions: ${p.rowsRead.toLocaleString('en-US')} lines`);
    },
  });
  timings.ingest = clock() - start;

  const cleaned = timed('clean', () => cleanTransactions(ingested.table, { dropDuplicates: o.dropDuplicates, value: o.value }));
  hooks.onCleaned?.(ingested.table, cleaned);
  if (cleaned.kept.length === 0) {
    const r = cleaned.report.dropped;
    const why =
      r.missingCustomer === cleaned.report.totalRows
        ? 'none of the lines has a customer id'
        : `every line was removed by the cleaning rules (${Object.entries(r)
            .filter(([, count]) => count > 0)
            .map(([reason, count]) => `${reason}: ${count}`)
            .join(', ')})`;
    throw new EngineError('NO_VALID_ROWS', `Nothing to analyse: ${why}.`, { report: cleaned.report });
  }

  const { features, purchases } = timed('features', () =>
    computeCustomerFeatures(ingested.table, cleaned, { snapshot: o.snapshot, categories: o.categories, homeCountry: o.homeCountry, value: o.value }),
  );
  const m = features.count;
  const rules = o.segmentRules ?? cloneSegmentRules(DEFAULT_SEGMENT_RULES);

  const { rfm, churn } = timed('rfm', () => ({
    rfm: scoreRfm({ recency: features.recency, frequency: features.frequency, monetary: features.monetary }, { rules }),
    churn: churnStatus({ recency: features.recency, frequency: features.frequency, tenure: features.tenure }),
  }));

  const snapshotDay = features.snapshot / DAY_MS;
  const lifetimeValue = timed('lifetimeValue', (): AnalysisResult['lifetimeValue'] => {
    try {
      const summary = summarizeCustomers(purchases, { nCustomers: m, observationEnd: snapshotDay, unit: o.unit });
      const result = fitLifetimeValue(
        { summary },
        {
          model: o.model,
          horizonMonths: o.horizonMonths,
          discountRate: o.discountRate,
          penalizer: o.penalizer,
          seed: o.seed,
          ...(o.intervalDraws !== undefined ? { intervalDraws: o.intervalDraws } : {}),
        },
      );
      const rowOfCustomer = new Int32Array(m).fill(-1);
      for (let row = 0; row < result.customer.length; row++) rowOfCustomer[result.customer[row]] = row;
      return { status: 'done', result, summary, rowOfCustomer };
    } catch (error) {
      return skipped(error);
    }
  });

  const clv = new Float64Array(m).fill(NaN);
  if (lifetimeValue.status === 'done') {
    for (let c = 0; c < m; c++) {
      const row = lifetimeValue.rowOfCustomer[c];
      if (row >= 0) clv[c] = lifetimeValue.result.clv[row];
    }
  }

  const holdout = timed('holdout', (): AnalysisResult['holdout'] => {
    try {
      let firstDay = Infinity;
      for (let c = 0; c < m; c++) firstDay = Math.min(firstDay, Math.floor(features.firstPurchase[c] / DAY_MS));
      const span = snapshotDay - firstDay;
      let calibrationEnd: number;
      if (o.calibrationEnd !== undefined) {
        calibrationEnd = Math.floor(o.calibrationEnd / DAY_MS);
        if (calibrationEnd <= firstDay || calibrationEnd >= snapshotDay) {
          throw new EngineError(
            'INVALID_OPTION',
            `The calibration end must fall inside the data, between ${isoDay((firstDay + 1) * DAY_MS)} and ${isoDay((snapshotDay - 1) * DAY_MS)}.`,
          );
        }
      } else {
        if (span < MIN_HOLDOUT_SPAN_DAYS) {
          throw new EngineError('DEGENERATE_DATA', `The data cover only ${span} days; a holdout check needs at least ${MIN_HOLDOUT_SPAN_DAYS}.`);
        }
        const holdoutDays = o.holdoutDays ?? Math.round(span / 4);
        if (holdoutDays >= span) throw new EngineError('INVALID_OPTION', `A ${holdoutDays}-day holdout leaves no calibration period in ${span} days of data.`);
        calibrationEnd = snapshotDay - holdoutDays;
      }
      const result = evaluateHoldout(
        purchases,
        { nCustomers: m, observationEnd: snapshotDay, calibrationEnd, unit: o.unit },
        { model: o.model, penalizer: o.penalizer, seed: o.seed },
      );
      return { status: 'done', result, calibrationEnd: calibrationEnd * DAY_MS };
    } catch (error) {
      return skipped(error);
    }
  });

  const clustering = timed('clustering', (): AnalysisResult['clustering'] => {
    try {
      const columns: Record<string, Float64Array> = {
        recency: features.recency,
        frequency: features.frequency,
        monetary: features.monetary,
        averageOrderValue: features.averageOrderValue,
        tenure: features.tenure,
        distinctProducts: features.distinctProducts,
        returnRate: features.returnRate,
      };
      const profileColumns = ['recency', 'frequency', 'monetary', 'averageOrderValue', 'tenure'];
      if (clv.every(Number.isFinite)) {
        columns.clv = clv;
        profileColumns.push('clv');
      }
      const result = runClustering(columns, {
        method: o.method,
        features: o.clusterFeatures,
        kMin: o.kMin,
        // The range of k is what to try; a small file cannot support more than m - 1 clusters.
        kMax: Math.max(o.kMin, Math.min(o.kMax, m - 1)),
        k: o.k,
        seed: o.seed,
        profileColumns,
      });
      return { status: 'done', result };
    } catch (error) {
      return skipped(error);
    }
  });

  const topByRevenue = topCustomers(features.monetary, TOP_N);
  const topByClv = topFinite(clv, TOP_N);
  hooks.onProgress?.({ stage: 'clustering', fraction: 1, message: 'Analysis complete' });

  return {
    options: o,
    ingest: ingested.report,
    cleaning: cleaned.report,
    features,
    rfm: { ...rfm, rules },
    churn,
    lifetimeValue,
    holdout,
    clustering,
    clv,
    topByRevenue,
    topByClv,
    timings,
  };
}
