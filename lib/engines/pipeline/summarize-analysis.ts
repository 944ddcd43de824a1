import type { BgNbdParams, ForecastScore, GammaGammaParams, MaximumLikelihoodFit, ParetoNbdParams } from '../btyd/types';
import type { ClusterProfile, MethodResult } from '../clustering/types';
import { formatRfmCode } from '../rfm/rfm-code';
import { BASIS_P_ALIVE, BASIS_RULES } from './customer-status';
import { DROPOUT_NOT_IDENTIFIED } from '../btyd/fit-repeat-purchase-model';
import { PURCHASE_MODEL_LABEL, PURCHASE_MODEL_NAMES } from '../btyd/purchase-model';
import type { AnalysisResult } from './types';
import { DAY_MS, isoDay } from '../calendar';
import { median } from '../quantile';

/** Round to `digits` significant figures so printed results are readable and stable. */
export function roundTo(value: number, digits = 6): number | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return 0;
  return Number(value.toPrecision(digits));
}

const money = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : null);

function roundRecord(record: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, roundTo(v)]));
}

type AnyFit = MaximumLikelihoodFit<BgNbdParams> | MaximumLikelihoodFit<ParetoNbdParams> | MaximumLikelihoodFit<GammaGammaParams>;

function fitSummary(fit: AnyFit) {
  return {
    params: roundRecord(fit.params as unknown as Record<string, number>),
    standardErrors: roundRecord(fit.standardErrors as unknown as Record<string, number>),
    /** 95 % intervals from the log-parameter covariance (null bounds where unavailable). */
    intervals: Object.fromEntries(fit.identification.map((i) => [i.param, { lower: roundTo(i.lower), upper: roundTo(i.upper) }])),
    /** Parameters the data do not pin down (interval over two orders of magnitude, or SE above the estimate). */
    notIdentified: fit.notIdentified,
    logLikelihood: roundTo(fit.logLikelihood, 9),
    customers: fit.nCustomers,
    penalizer: fit.penalizer,
    converged: fit.convergence.converged,
    iterations: fit.convergence.iterations,
    starts: fit.convergence.starts,
    gradientNorm: roundTo(fit.convergence.gradientNorm, 3),
    warnings: fit.warnings,
  };
}

function profileSummary(p: ClusterProfile) {
  return {
    cluster: p.cluster,
    name: p.name,
    size: p.size,
    share: roundTo(p.share, 4),
    revenueShare: roundTo(p.revenueShare, 4),
    means: roundRecord(p.means),
    medians: roundRecord(p.medians),
  };
}

function methodSummary(method: MethodResult) {
  const base = {
    k: method.k,
    metrics: method.metrics ? roundRecord({ ...method.metrics }) : null,
    profiles: method.profiles.clusters.map(profileSummary),
  };
  switch (method.method) {
    case 'kmeans':
      return { ...base, inertia: roundTo(method.inertia), converged: method.converged };
    case 'gmm':
      return { ...base, bic: roundTo(method.bic, 9), aic: roundTo(method.aic, 9), logLikelihood: roundTo(method.logLikelihood, 9), converged: method.converged, iterations: method.iterations };
    case 'hierarchical':
      return { ...base, linkage: 'ward', mode: method.mode, microClusters: method.microClusters };
    default: {
      const never: never = method;
      return never;
    }
  }
}

/**
 * The run as one plain JSON-ready object: cleaning counts, customers, revenue, segment sizes,
 * the k sweep, cluster profiles, model parameters, CLV totals, holdout metrics and, unless
 * turned off, wall time per stage. Same input and seed give the same object.
 */
export function summarizeAnalysis(result: AnalysisResult, { timings = true } = {}) {
  const f = result.features;
  const ltv = result.lifetimeValue;
  const holdout = result.holdout;
  const clustering = result.clustering;
  const o = result.options;

  const segmentRevenue = new Float64Array(result.rfm.segmentNames.length);
  for (let c = 0; c < f.count; c++) segmentRevenue[result.rfm.segment[c]] += f.monetary[c];
  const revenue = result.cleaning.revenueAfter;

  let clvTotal = 0;
  let clvCount = 0;
  for (const v of result.clv) {
    if (!Number.isFinite(v)) continue;
    clvTotal += v;
    clvCount++;
  }

  return {
    options: {
      ...o,
      snapshot: isoDay(f.snapshot),
      calibrationEnd: o.calibrationEnd !== undefined ? isoDay(o.calibrationEnd) : undefined,
      categories: undefined,
      segmentRules: undefined,
    },
    ingest: {
      rowsRead: result.ingest.rowsRead,
      encoding: result.ingest.encoding,
      gzip: result.ingest.gzip,
      delimiter: result.ingest.delimiter,
      header: result.ingest.header,
      mapping: Object.fromEntries(Object.entries(result.ingest.mapping).filter(([, column]) => column !== null)),
      reading: result.ingest.reading,
      unreadable: result.ingest.unreadable,
      failures: result.ingest.failures,
      statuses: result.ingest.statuses,
      invalidByteLines: result.ingest.invalidByteLines,
      controlCharacterLines: result.ingest.controlCharacterLines,
      warnings: result.ingest.warnings,
    },
    cleaning: {
      ...result.cleaning,
      revenueAfter: money(result.cleaning.revenueAfter),
      grossRevenue: money(result.cleaning.grossRevenue),
      refunds: money(result.cleaning.refunds),
      netRevenue: money(result.cleaning.netRevenue),
      netRevenueUnfloored: money(result.cleaning.netRevenueUnfloored),
      returns: { ...result.cleaning.returns, value: money(result.cleaning.returns.value), unmatchedValue: money(result.cleaning.returns.unmatchedValue) },
      countries: result.cleaning.countries.map((c) => ({ ...c, revenue: money(c.revenue) })),
    },
    customers: f.count,
    /** Revenue in the run's value basis: net of refunds (per customer, floored at 0) by default. */
    revenue: money(revenue),
    valueBasis: result.cleaning.valueBasis,
    currency: result.ingest.reading.currency,
    grossRevenue: money(result.cleaning.grossRevenue),
    refunds: money(result.cleaning.refunds),
    purchaseOrders: result.cleaning.purchaseOrders,
    purchaseOccasions: result.cleaning.purchaseOccasions,
    homeCountry: f.homeCountry,
    rfm: {
      segments: result.rfm.segmentNames.map((name, i) => ({
        name,
        customers: result.rfm.segmentSizes[i],
        revenue: money(segmentRevenue[i]),
        revenueShare: roundTo(segmentRevenue[i] / revenue, 4),
      })),
      /** 'quantile-breaks' (ties share a score, the default) or a rank rule. */
      scoring: result.rfm.scoring,
      breaks: result.rfm.breaks,
      cutPoints: result.rfm.cutPoints,
      /** Per dimension where ties made the score groups uneven: counts per score and the reason in words. */
      uneven: result.rfm.uneven,
      topCodes: topCodes(result),
    },
    churn: Object.fromEntries(result.churn.labels.map((label, i) => [label, result.churn.counts[i]])),
    /** What decided the churn status: P(alive) (with its thresholds) for some customers, the days-silent rule for the rest. */
    churnBasis: {
      pAlive: result.churn.basisCounts[BASIS_P_ALIVE],
      rules: result.churn.basisCounts[BASIS_RULES],
      thresholds: result.churn.thresholds,
    },
    clustering:
      clustering.status === 'skipped'
        ? clustering
        : {
            status: clustering.status,
            features: clustering.result.features,
            log: clustering.result.log,
            k: clustering.result.k,
            kFixed: clustering.result.kFixed,
            chosenK: clustering.result.sweep.chosenK,
            elbowK: clustering.result.sweep.elbowK,
            silhouetteSampleSize: clustering.result.silhouetteSampleSize,
            silhouetteExact: clustering.result.sweep.silhouetteExact,
            sweep: clustering.result.sweep.entries.map((e) => ({
              k: e.k,
              inertia: roundTo(e.inertia),
              silhouette: roundTo(e.silhouette, 4),
              calinskiHarabasz: roundTo(e.calinskiHarabasz),
              daviesBouldin: roundTo(e.daviesBouldin, 4),
            })),
            warnings: clustering.result.warnings,
            methods: Object.fromEntries(
              Object.entries(clustering.result.methods).map(([name, method]) => [name, methodSummary(method as MethodResult)]),
            ),
          },
    purchaseModels: purchaseModelsSummary(result),
    lifetimeValue:
      ltv.status === 'skipped'
        ? ltv
        : {
            status: ltv.status,
            model: ltv.result.model,
            modelLabel: PURCHASE_MODEL_LABEL[ltv.result.model],
            choice: ltv.choice,
            unit: ltv.result.unit,
            fitEnd: ltv.fitEnd === null ? null : isoDay(ltv.fitEnd),
            horizonMonths: ltv.result.horizonMonths,
            discountRate: ltv.result.discountRate,
            monthLengthDays: ltv.result.monthLengthDays,
            purchaseModel: fitSummary(ltv.result.purchaseFit),
            spendModel:
              ltv.result.spend.status === 'fitted'
                ? { status: 'fitted', ...fitSummary(ltv.result.spend.fit), populationMeanSpend: money(ltv.result.spend.fit.populationMeanSpend) }
                : ltv.result.spend,
            spendSource: ltv.result.spendSource,
            clvTotal: money(clvTotal),
            clvMean: money(clvCount > 0 ? clvTotal / clvCount : NaN),
            clvMedian: money(median(result.clv)),
            interval: ltv.result.interval,
            /** Customers whose P(alive) is shown; the note says why the others are not. */
            pAliveShown: countFinite(ltv.shownPAlive),
            pAliveNote: ltv.pAliveNote,
            /** Carried by every CLV figure, or null. */
            caveat: ltv.caveat,
            warnings: ltv.result.warnings,
          },
    holdout:
      holdout.status === 'skipped'
        ? holdout
        : {
            status: holdout.status,
            /** The purchase model whose holdout `model` scores. */
            scoredModel: holdout.model,
            calibrationEnd: isoDay(holdout.calibrationEnd),
            holdoutLength: roundTo(holdout.result.holdoutLength),
            unit: holdout.result.unit,
            customers: holdout.result.nCustomers,
            excludedLateCustomers: holdout.result.excludedLateCustomers,
            purchaseModel: fitSummary(holdout.result.purchaseFit),
            spendModel: holdout.result.spend.status === 'fitted' ? { status: 'fitted', ...fitSummary(holdout.result.spend.fit) } : holdout.result.spend,
            model: scoreSummary(holdout.result.model),
            naive: scoreSummary(holdout.result.naive),
            actual: { totalPurchases: holdout.result.actual.totalPurchases, totalSpend: money(holdout.result.actual.totalSpend) },
            calibrationTable: holdout.result.calibrationTable.map((row) => ({
              ...row,
              meanActual: roundTo(row.meanActual, 4),
              meanPredicted: roundTo(row.meanPredicted, 4),
              meanNaive: roundTo(row.meanNaive, 4),
            })),
            warnings: holdout.result.warnings,
          },
    modelComparison: modelComparisonSummary(result),
    /** Every warning of the run in one list, in stage order. */
    warnings: allWarnings(result),
    top: {
      byRevenue: Array.from(result.topByRevenue, (c) => ({ id: f.ids[c], monetary: money(f.monetary[c]) })),
      byClv: Array.from(result.topByClv, (c) => ({ id: f.ids[c], clv: money(result.clv[c]) })),
    },
    ...(timings
      ? { timingsMs: Object.fromEntries(Object.entries(result.timings).map(([stage, ms]) => [stage, Math.round(ms * 10) / 10])) }
      : {}),
  };
}

function allWarnings(result: AnalysisResult): string[] {
  const warnings = [...result.ingest.warnings];
  const ltv = result.lifetimeValue;
  // The P(alive) note says what the fit's "dropout not identified" warning says, for this run.
  const covered = new Set<string>();
  if (ltv.status === 'done') {
    if (ltv.caveat) warnings.push(ltv.caveat);
    if (ltv.pAliveNote) {
      warnings.push(ltv.pAliveNote);
      covered.add(DROPOUT_NOT_IDENTIFIED);
    }
    warnings.push(...ltv.result.warnings.filter((w) => !covered.has(w)));
  } else warnings.push(`Lifetime value skipped: ${ltv.reason}`);
  if (result.holdout.status === 'done') warnings.push(...result.holdout.result.warnings.filter((w) => !covered.has(w)).map((w) => `Holdout: ${w}`));
  else warnings.push(`Holdout skipped: ${result.holdout.reason}`);
  if (result.modelComparison.status === 'skipped' && result.holdout.status === 'done') warnings.push(`Model comparison skipped: ${result.modelComparison.reason}`);
  if (result.clustering.status === 'done') warnings.push(...result.clustering.result.warnings);
  else warnings.push(`Clustering skipped: ${result.clustering.reason}`);
  return [...new Set(warnings)];
}

function countFinite(values: Float64Array): number {
  let count = 0;
  for (const v of values) if (Number.isFinite(v)) count++;
  return count;
}

/**
 * Every purchase model side by side: its fit on the fit period (parameters, intervals, LL) and
 * its holdout scores against the naive baseline, with the chosen one marked.
 */
function purchaseModelsSummary(result: AnalysisResult) {
  const ltv = result.lifetimeValue.status === 'done' ? result.lifetimeValue : null;
  const holdout = result.holdout.status === 'done' ? result.holdout : null;
  if (!ltv && !holdout) return [];
  return PURCHASE_MODEL_NAMES.map((model) => {
    const fit = ltv?.fits.find((f) => f.model === model);
    const scored = holdout?.models.find((h) => h.model === model);
    return {
      model,
      label: PURCHASE_MODEL_LABEL[model],
      chosen: ltv?.choice.model === model,
      fit: fit === undefined ? null : fit.status === 'done' ? { status: 'fitted' as const, ...fitSummary(fit.fit) } : { status: 'failed' as const, reason: fit.reason },
      holdout:
        scored === undefined
          ? null
          : scored.status === 'done'
            ? {
                status: 'scored' as const,
                model: scoreSummary(scored.result.model),
                naive: scoreSummary(scored.result.naive),
                beatsNaive: scored.beatsNaive,
              }
            : { status: 'failed' as const, reason: scored.reason },
    };
  });
}

/**
 * Holdout spend per customer predicted by the regressors, the purchase model + Gamma-Gamma and the
 * naive baseline, each with R², MAE, RMSE, bias and the top 10 % / 20 % revenue capture.
 */
function modelComparisonSummary(result: AnalysisResult) {
  const comparison = result.modelComparison;
  if (comparison.status === 'skipped') return comparison;
  const c = comparison.result;
  return {
    status: comparison.status,
    seed: c.seed,
    trainingNote: c.trainingNote,
    /** Last day of the training features, and of the calibration period (the holdout section's calibrationEnd). */
    trainingEnd: isoDay((c.trainingEnd - 1) * DAY_MS),
    calibrationEnd: isoDay((c.calibrationEnd - 1) * DAY_MS),
    holdoutDays: c.holdoutDays,
    customers: c.customers,
    trainingCustomers: c.trainingCustomers,
    trainingRows: c.trainingRows,
    features: [...c.features],
    actualTotal: money(c.actualTotal),
    models: c.models.map((m) => ({
      model: m.model,
      label: m.label,
      r2: roundTo(m.r2 ?? NaN),
      mae: roundTo(m.mae),
      rmse: roundTo(m.rmse),
      bias: roundTo(m.bias),
      top10: roundTo(m.top10 ?? NaN, 4),
      top20: roundTo(m.top20 ?? NaN, 4),
      totalPredicted: money(m.totalPredicted),
    })),
  };
}

function scoreSummary(score: ForecastScore) {
  return {
    purchases: roundRecord({ ...score.purchases }),
    spend: roundRecord({ ...score.spend }),
    totalPurchases: roundTo(score.totalPurchases),
    totalSpend: money(score.totalSpend),
  };
}

function topCodes(result: AnalysisResult): { code: string; customers: number }[] {
  const counts = new Map<number, number>();
  for (const code of result.rfm.codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 10)
    .map(([code, customers]) => ({ code: formatRfmCode(code), customers }));
}

export type AnalysisSummary = ReturnType<typeof summarizeAnalysis>;
