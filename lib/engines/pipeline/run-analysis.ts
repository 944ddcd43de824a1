import { computeClv } from '../btyd/clv';
import { comparePurchaseModels } from '../btyd/compare-purchase-models';
import { requireUsablePurchaseFit } from '../btyd/degenerate-fit';
import { fitLifetimeValue } from '../btyd/fit-lifetime-value';
import { dropoutNotIdentified } from '../btyd/dropout-not-identified';
import { CHURNED_COUNTED_AS_LOST, countChurnedAsLost } from './count-churned-as-lost';
import { fitPurchaseModel, PURCHASE_MODEL_LABEL, PURCHASE_MODEL_NAMES } from '../btyd/purchase-model';
import type { CustomerSummary, FitOptions, HoldoutResult, PurchaseModel, PurchaseModelFit } from '../btyd/types';
import { summarizeCustomers } from '../btyd/summarize';
import { compareValueModels } from '../ltv-regression/compare-value-models';
import { cleanTransactions } from '../clean/clean-transactions';
import { reprofileClustering } from '../clustering/reprofile-clustering';
import { runClustering } from '../clustering/run-clustering';
import { EngineError, isEngineError } from '../errors';
import { mergeOptions } from '../merge-options';
import { computeCustomerFeatures } from '../features/compute-customer-features';
import { readTransactions } from '../ingest/read-transactions';
import { pickReadingOptions } from '../ingest/types';
import { churnStatus } from '../rfm/churn-status';
import { choosePurchaseModel, outcomeOf, type FitModelOutcome, type HoldoutModelOutcome } from './choose-purchase-model';
import { customerStatus, DEFAULT_P_ALIVE_THRESHOLDS } from './customer-status';
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
import type { RunClusteringOptions, RunClusteringResult } from '../clustering/types';
import type { TaskExecutor } from '../parallel/tasks';

const TOP_N = 20;
const MIN_HOLDOUT_SPAN_DAYS = 28;

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  seed: 42,
  value: 'net',
  rfmScoring: 'quantile-breaks',
  dropDuplicates: false,
  method: 'all',
  kMin: 2,
  kMax: 10,
  clusterFeatures: ['recency', 'frequency', 'monetary'],
  model: 'auto',
  pAliveThresholds: DEFAULT_P_ALIVE_THRESHOLDS,
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
  holdout: 0.58,
  lifetimeValue: 0.7,
  modelComparison: 0.78,
  clustering: 0.82,
};

const STAGE_MESSAGE: Record<AnalysisStage, string> = {
  ingest: 'Reading transactions',
  clean: 'Cleaning transactions',
  features: 'Computing customer features',
  rfm: 'Scoring RFM segments',
  holdout: 'Comparing purchase models on the holdout period',
  lifetimeValue: 'Fitting lifetime-value models',
  modelComparison: 'Comparing spend regressors with the purchase models on the holdout period',
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

/** The scored model with the lowest holdout purchase MAE (the first on ties). */
function bestScored(models: HoldoutModelOutcome[]): { model: PurchaseModel; result: HoldoutResult } {
  let best: { model: PurchaseModel; result: HoldoutResult } | null = null;
  for (const h of models) {
    if (h.status === 'done' && (best === null || h.result.model.purchases.mae < best.result.model.purchases.mae)) best = h;
  }
  if (!best) throw new EngineError('DEGENERATE_DATA', 'No purchase model could be scored on the holdout period.');
  return best;
}

const percentWorse = (model: number, naive: number) => `${Math.round(((model - naive) / naive) * 100)} %`;

/** True when every finite CLV lies within 0.1 % of their mean: the model cannot rank customers. */
function isFlat(clv: Float64Array): boolean {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (const v of clv) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    count++;
  }
  return count > 1 && max - min <= 0.001 * Math.abs(sum / count);
}

/** What CLV assumes when the data cannot tell when customers stop buying (computeClv's withoutDropout). */
const NO_DROPOUT_ASSUMPTION = `This data cannot tell when customers stop buying, so CLV and expected purchases assume every customer keeps buying at their average rate since their first purchase, ${CHURNED_COUNTED_AS_LOST}; for other customers who have stopped they are too high.`;

/**
 * The caveat every CLV figure carries, or null: the chosen model lost to the naive baseline on
 * the holdout, could not be validated, ranks nobody, and, whichever of these applies, what CLV
 * assumes when the data cannot tell when customers stop buying.
 */
function clvCaveat(label: string, holdout: HoldoutResult | null, holdoutSkipped: string | null, dropoutUnknown: string[], flat: boolean): string | null {
  const quality = clvQualityCaveat(label, holdout, holdoutSkipped, flat);
  if (dropoutUnknown.length === 0) return quality;
  return quality === null ? NO_DROPOUT_ASSUMPTION : `${quality} ${NO_DROPOUT_ASSUMPTION}`;
}

function clvQualityCaveat(label: string, holdout: HoldoutResult | null, holdoutSkipped: string | null, flat: boolean): string | null {
  const use = flat ? 'CLV is about the same for every customer, so it neither forecasts nor ranks them' : 'read CLV as a ranking, not a forecast';
  if (holdout) {
    const worse: string[] = [];
    if (holdout.model.purchases.mae > holdout.naive.purchases.mae) worse.push(`purchases ${percentWorse(holdout.model.purchases.mae, holdout.naive.purchases.mae)} worse`);
    if (holdout.model.spend.mae > holdout.naive.spend.mae) worse.push(`spend ${percentWorse(holdout.model.spend.mae, holdout.naive.spend.mae)} worse`);
    if (worse.length > 0) {
      return `On the holdout period ${label} predicted ${worse.join(' and ')} than the naive baseline (each customer keeps their past rate): ${use}.`;
    }
  }
  if (holdoutSkipped !== null) return `CLV is not validated on a holdout period (${holdoutSkipped.replace(/\.$/, '')}): ${flat ? use : 'read it as a ranking, not a forecast'}.`;
  if (flat) return `${use[0].toUpperCase()}${use.slice(1)}.`;
  return null;
}

/** A stage that the data cannot support is skipped with its reason; a wrong option or a bug still fails the run. */
function skipped(error: unknown): SkippedStage {
  if (isEngineError(error) && error.code !== 'INVALID_OPTION') return { status: 'skipped', reason: error.message, code: error.code };
  throw error;
}

/** The first holdout day (a day number) of the holdout check; throws as the holdout stage reports. */
function holdoutStart(o: AnalysisOptions, firstDay: number, snapshotDay: number): number {
  const span = snapshotDay - firstDay;
  if (o.calibrationEnd !== undefined) {
    // The option names the last calibration day; the summary takes the first holdout day.
    const calibrationEnd = Math.floor(o.calibrationEnd / DAY_MS) + 1;
    if (calibrationEnd <= firstDay || calibrationEnd >= snapshotDay) {
      throw new EngineError(
        'INVALID_OPTION',
        `The calibration end must fall inside the data, between ${isoDay(firstDay * DAY_MS)} and ${isoDay((snapshotDay - 2) * DAY_MS)}.`,
      );
    }
    return calibrationEnd;
  }
  if (span < MIN_HOLDOUT_SPAN_DAYS) {
    throw new EngineError('DEGENERATE_DATA', `The data cover only ${span} days; a holdout check needs at least ${MIN_HOLDOUT_SPAN_DAYS}.`);
  }
  const holdoutDays = o.holdoutDays ?? Math.round(span / 4);
  if (holdoutDays >= span) throw new EngineError('INVALID_OPTION', `A ${holdoutDays}-day holdout leaves no calibration period in ${span} days of data.`);
  return snapshotDay - holdoutDays;
}

/** The last day (a day number) of the lifetime-value fit, or null for all; throws as the lifetime-value stage reports. */
function fitEndDay(o: AnalysisOptions, firstDay: number, snapshotDay: number): number | null {
  if (o.fitEnd === undefined) return null;
  const fitEnd = Math.floor(o.fitEnd / DAY_MS);
  if (fitEnd < firstDay || fitEnd >= snapshotDay - 1) {
    throw new EngineError(
      'INVALID_OPTION',
      `The fit end must fall inside the data, between ${isoDay(firstDay * DAY_MS)} and ${isoDay((snapshotDay - 2) * DAY_MS)}.`,
    );
  }
  return fitEnd;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );

function unwrap<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

type PurchaseFits = Map<PurchaseModel, Settled<PurchaseModelFit>>;

/**
 * Starts every purchase model's fit on the calibration and on the fit period at once on the
 * executor, the costliest (Pareto/NBD) first. A period whose summary cannot be made gets null:
 * its stage then fits inline and reports the reason exactly as it does without an executor.
 */
function startPurchaseFits(
  executor: TaskExecutor,
  periods: (() => CustomerSummary)[],
  options: FitOptions,
): (Promise<PurchaseFits> | null)[] {
  const summaries = periods.map((summarize) => {
    try {
      return summarize();
    } catch {
      return null;
    }
  });
  const pending = summaries.map(() => new Map<PurchaseModel, Promise<Settled<PurchaseModelFit>>>());
  for (const model of [...PURCHASE_MODEL_NAMES].reverse()) {
    summaries.forEach((summary, i) => {
      if (!summary) return;
      const data = { x: summary.x, tx: summary.tx, T: summary.T, unit: summary.unit };
      pending[i].set(model, settle(executor.run('fitPurchaseModel', { model, data, options })));
    });
  }
  return summaries.map((summary, i) =>
    summary ? Promise.all(PURCHASE_MODEL_NAMES.map(async (model) => [model, await pending[i].get(model)!] as const)).then((entries) => new Map(entries)) : null,
  );
}

/** The fit a stage would make inline, from the fits started on the executor (or inline when there are none). */
function fitFrom(fits: PurchaseFits | null): (model: PurchaseModel, summary: CustomerSummary, options: FitOptions) => PurchaseModelFit {
  return (model, summary, options) => (fits ? unwrap(fits.get(model)!) : fitPurchaseModel(model, summary, options));
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
  // With an executor a stage may first wait for work started earlier on other threads; the wait counts as the stage's time.
  const timedAfter = async <W, T>(stage: AnalysisStage, ready: Promise<W> | null, work: (value: W | null) => T): Promise<T> => {
    report(stage);
    const start = clock();
    const value = work(ready ? await ready : null);
    timings[stage] = clock() - start;
    return value;
  };
  // One thread runs every stage in order on this one, as without an executor.
  const executor = hooks.executor && hooks.executor.threads > 1 ? hooks.executor : undefined;

  report('ingest');
  const start = clock();
  const ingested = await readTransactions(source, {
    ...pickReadingOptions(o),
    totalBytes: hooks.totalBytes,
    file: hooks.file,
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

  const { rfm, churnRules } = timed('rfm', () => ({
    rfm: scoreRfm({ recency: features.recency, frequency: features.frequency, monetary: features.monetary }, { rules, scoring: o.rfmScoring }),
    churnRules: churnStatus({ recency: features.recency, occasions: features.occasions, tenure: features.tenure }),
  }));

  const snapshotDay = features.snapshot / DAY_MS;
  let firstDay = Infinity;
  for (let c = 0; c < m; c++) firstDay = Math.min(firstDay, Math.floor(features.firstPurchase[c] / DAY_MS));
  const fitOptions = { penalizer: o.penalizer, seed: o.seed };
  const holdoutPeriod = (calibrationEnd: number) => ({ nCustomers: m, observationEnd: snapshotDay, calibrationEnd, unit: o.unit });
  const fitPeriodSummary = (fitEnd: number | null) =>
    summarizeCustomers(purchases, { nCustomers: m, observationEnd: fitEnd === null ? snapshotDay : fitEnd + 1, unit: o.unit });
  // The six purchase-model fits (three models on two periods) dominate the run: on an executor they all start now.
  const [calibrationFits, periodFits] = executor
    ? startPurchaseFits(
        executor,
        [
          () => summarizeCustomers(purchases, holdoutPeriod(holdoutStart(o, firstDay, snapshotDay))),
          () => fitPeriodSummary(fitEndDay(o, firstDay, snapshotDay)),
        ],
        fitOptions,
      )
    : [null, null];

  const columns: Record<string, Float64Array> = {
    recency: features.recency,
    frequency: features.frequency,
    monetary: features.monetary,
    averageOrderValue: features.averageOrderValue,
    tenure: features.tenure,
    distinctProducts: features.distinctProducts,
    returnRate: features.returnRate,
  };
  // The lifetime value joins the profile columns (as 'clv') once it is known and finite.
  const profileColumns = ['recency', 'frequency', 'monetary', 'averageOrderValue', 'tenure'];
  const clusteringOptions: RunClusteringOptions = {
    method: o.method,
    features: o.clusterFeatures,
    kMin: o.kMin,
    // runClustering lowers the range to what the data support and says so in its warnings.
    kMax: o.kMax,
    k: o.k,
    seed: o.seed,
    profileColumns,
  };
  // On an executor the clustering, which needs no lifetime value but its profiles, is queued
  // behind the fits: it starts on the first worker they free, beside the holdout, lifetime value
  // and comparison stages, and its profiles are made again with the lifetime value at the end.
  const clusteringStarted = executor
    ? settle(executor.run('runClustering', { columns: { ...columns }, options: { ...clusteringOptions, profileColumns: [...profileColumns] } }))
    : null;

  // Every purchase model is scored on one holdout split; the best one (or the user's) is used.
  const holdout = await timedAfter('holdout', calibrationFits, (fits): AnalysisResult['holdout'] => {
    try {
      const calibrationEnd = holdoutStart(o, firstDay, snapshotDay);
      const period = holdoutPeriod(calibrationEnd);
      // Throws DEGENERATE_DATA, listing every reason, when no model can be scored.
      const { models } = comparePurchaseModels(purchases, period, { models: PURCHASE_MODEL_NAMES, ...fitOptions, fitModel: fitFrom(fits) });
      // Shown as "the" holdout: the user's model when it scored, else the best; the lifetime-value stage may move it to its choice.
      const fixed = models.find((h) => h.model === o.model);
      const shown = fixed?.status === 'done' ? fixed : bestScored(models);
      return { status: 'done', models, calibrationEnd: (calibrationEnd - 1) * DAY_MS, model: shown.model, result: shown.result };
    } catch (error) {
      return skipped(error);
    }
  });

  const lifetimeValue = await timedAfter('lifetimeValue', periodFits, (started): AnalysisResult['lifetimeValue'] => {
    try {
      const summary = fitPeriodSummary(null);
      const fitEnd = fitEndDay(o, firstDay, snapshotDay);
      const fitSummary = fitEnd === null ? summary : fitPeriodSummary(fitEnd);
      const fitModel = fitFrom(started);
      // A degenerate fit (e.g. everyone written off right after a repeat purchase) is a failed model, never chosen.
      const fits: FitModelOutcome[] = PURCHASE_MODEL_NAMES.map((model) =>
        outcomeOf(model, () => ({ fit: requireUsablePurchaseFit(fitModel(model, fitSummary, fitOptions)) })),
      );
      const choice = choosePurchaseModel(o.model, PURCHASE_MODEL_NAMES, fits, holdout.status === 'done' ? holdout.models : null, (model) => PURCHASE_MODEL_LABEL[model]);
      if (!choice) {
        const first = fits.find((f) => f.status === 'failed');
        throw new EngineError(first?.status === 'failed' ? first.code : 'DEGENERATE_DATA', `No purchase model could be fitted: ${fits.map((f) => (f.status === 'failed' ? f.reason : '')).join(' ')}`.trim());
      }
      const ltvOptions = {
        model: choice.model,
        horizonMonths: o.horizonMonths,
        discountRate: o.discountRate,
        penalizer: o.penalizer,
        seed: o.seed,
        ...(o.intervalDraws !== undefined ? { intervalDraws: o.intervalDraws } : {}),
      };
      const chosenFit = fits.find((f) => f.model === choice.model);
      let result = fitLifetimeValue({ summary: fitSummary }, ltvOptions, chosenFit?.status === 'done' ? chosenFit.fit : undefined);
      if (fitEnd !== null) {
        // Parameters from the fit period; every customer's prediction from their whole history.
        const clv = computeClv(result.purchaseFit, result.spend.status === 'fitted' ? result.spend.fit : null, summary, {
          ...ltvOptions,
          withoutDropout: dropoutNotIdentified(result.purchaseFit).length > 0,
        });
        result = { ...result, ...clv, customer: summary.customer, x: summary.x, tx: summary.tx, T: summary.T, warnings: [...result.warnings, ...clv.warnings] };
      }
      const rowOfCustomer = new Int32Array(m).fill(-1);
      for (let row = 0; row < result.customer.length; row++) rowOfCustomer[result.customer[row]] = row;

      const dropoutUnknown = dropoutNotIdentified(result.purchaseFit);
      const shownPAlive = new Float64Array(m).fill(NaN);
      let byConstruction = 0;
      if (dropoutUnknown.length === 0) {
        for (let c = 0; c < m; c++) {
          const row = rowOfCustomer[c];
          if (row < 0) continue;
          if (result.model === 'bgnbd' && result.x[row] === 0) byConstruction++;
          else shownPAlive[c] = result.pAlive[row];
        }
      }
      const label = PURCHASE_MODEL_LABEL[result.model];
      const pAliveNote =
        dropoutUnknown.length > 0
          ? `P(alive) is not shown: this data cannot tell when customers stop buying (${label} ${dropoutUnknown.join(', ')} not identified), so churn status follows the days-silent rule.`
          : byConstruction > 0
            ? `P(alive) is not shown for the ${byConstruction.toLocaleString('en-US')} one-time buyers: ${label} sets it to 100 % for anyone without a repeat purchase, so their churn status follows the days-silent rule.`
            : null;
      const chosenHoldout = holdout.status === 'done' ? holdout.models.find((h) => h.model === result.model) : undefined;
      const caveat = clvCaveat(label, chosenHoldout?.status === 'done' ? chosenHoldout.result : null, holdout.status === 'skipped' ? holdout.reason : null, dropoutUnknown, isFlat(result.clv));
      return { status: 'done', result, summary, rowOfCustomer, fits, choice, fitEnd: fitEnd === null ? null : fitEnd * DAY_MS, shownPAlive, pAliveNote, caveat };
    } catch (error) {
      return skipped(error);
    }
  });

  if (holdout.status === 'done' && lifetimeValue.status === 'done' && holdout.model !== lifetimeValue.choice.model) {
    const chosen = holdout.models.find((h) => h.model === lifetimeValue.choice.model);
    if (chosen?.status === 'done') Object.assign(holdout, { model: chosen.model, result: chosen.result });
  }

  const churn = customerStatus(churnRules, lifetimeValue.status === 'done' ? lifetimeValue.shownPAlive : new Float64Array(m).fill(NaN), o.pAliveThresholds);
  if (lifetimeValue.status === 'done' && dropoutNotIdentified(lifetimeValue.result.purchaseFit).length > 0) {
    const r = lifetimeValue.result;
    countChurnedAsLost(churn.status, [r.expectedPurchases, r.clv, r.clvLower, r.clvUpper], lifetimeValue.rowOfCustomer);
  }

  const clv = new Float64Array(m).fill(NaN);
  if (lifetimeValue.status === 'done') {
    for (let c = 0; c < m; c++) {
      const row = lifetimeValue.rowOfCustomer[c];
      if (row >= 0) clv[c] = lifetimeValue.result.clv[row];
    }
  }

  if (clv.every(Number.isFinite)) {
    columns.clv = clv;
    profileColumns.push('clv');
  }

  // Regressors against the holdout's own purchase model (the one the run uses) and naive baseline.
  const modelComparison = timed('modelComparison', (): AnalysisResult['modelComparison'] => {
    if (holdout.status === 'skipped') return { status: 'skipped', reason: `There is no holdout period to compare on: ${holdout.reason}`, code: holdout.code };
    try {
      const h = holdout.result;
      const result = compareValueModels(
        purchases,
        {
          nCustomers: m,
          unit: h.unit,
          calibrationEnd: h.calibrationEnd,
          observationEnd: h.observationEnd,
          customer: h.customer,
          predictedSpend: h.predictedSpend,
          modelLabel: PURCHASE_MODEL_LABEL[holdout.model],
          naiveSpend: h.naiveSpend,
        },
        { seed: o.seed },
      );
      return { status: 'done', result };
    } catch (error) {
      return skipped(error);
    }
  });

  const clustering = await timedAfter('clustering', clusteringStarted, (started): AnalysisResult['clustering'] => {
    try {
      const result: RunClusteringResult = started ? reprofileClustering(unwrap(started), columns, profileColumns) : runClustering(columns, clusteringOptions);
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
    churnRules,
    lifetimeValue,
    holdout,
    modelComparison,
    clustering,
    clv,
    topByRevenue,
    topByClv,
    timings,
  };
}
