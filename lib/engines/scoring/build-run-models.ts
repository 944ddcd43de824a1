import { dropoutNotIdentified } from '../btyd/dropout-not-identified';
import type { PurchaseModelFit, PurchaseModelSpec } from '../btyd/types';
import { isoDay } from '../calendar';
import type { MethodResult, RunClusteringResult } from '../clustering/types';
import type { AnalysisResult } from '../pipeline/types';
import type { RfmDimension, ScoreCutPoint } from '../rfm/types';
import { standardise } from './standardise';
import { RUN_MODELS_VERSION, type RunModels, type StoredClusterModel, type StoredScoreRule } from './types';

const DIMENSIONS: readonly RfmDimension[] = ['recency', 'frequency', 'monetary'];

/** k x d row-major values as k arrays of d. */
function rows(values: Float64Array, width: number): number[][] {
  return Array.from({ length: values.length / width }, (_, i) => Array.from(values.subarray(i * width, (i + 1) * width)));
}

/**
 * Breaks t1..t4 that give each customer of a rank-scored column its score where ties did not
 * split: bin = 1 + the number of breaks below the value, score = bin (6 - bin for recency).
 */
function breaksFromCutPoints(cutPoints: ScoreCutPoint[], descending: boolean): number[] {
  const byBin = [1, 2, 3, 4, 5].map((bin) => cutPoints.find((c) => c.score === (descending ? 6 - bin : bin)));
  const breaks: number[] = [];
  let upper = -Number.MAX_VALUE;
  for (let bin = 1; bin <= 4; bin++) {
    const max = byBin[bin - 1]?.max;
    if (max !== null && max !== undefined) upper = Math.max(upper, max);
    breaks.push(upper);
  }
  return breaks;
}

function scoreRule(result: AnalysisResult, dimension: RfmDimension): StoredScoreRule {
  const values = result.features[dimension];
  let lowest = Infinity;
  let highest = -Infinity;
  for (const v of values) {
    lowest = Math.min(lowest, v);
    highest = Math.max(highest, v);
  }
  const { rfm } = result;
  if (rfm.scoring === 'quantile-breaks') {
    if (lowest === highest || rfm.breaks === null) return { kind: 'constant' };
    return { kind: 'breaks', breaks: [...rfm.breaks[dimension]] };
  }
  return { kind: 'breaks', breaks: breaksFromCutPoints(rfm.cutPoints[dimension], dimension === 'recency') };
}

/** Mean standardised row of each cluster's members: Ward's clusters placed by their centroids. */
function memberCentroids(result: AnalysisResult, clustering: RunClusteringResult, labels: Int32Array, k: number): number[][] {
  const d = clustering.features.length;
  const columns = clustering.features.map((name) => result.features[name as keyof typeof result.features] as Float64Array);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const row = new Float64Array(d);
  for (let c = 0; c < labels.length; c++) {
    standardise(columns, c, clustering.means, clustering.stds, clustering.log, row);
    for (let j = 0; j < d; j++) sums[labels[c] * d + j] += row[j];
    counts[labels[c]]++;
  }
  for (let g = 0; g < k; g++) for (let j = 0; j < d; j++) sums[g * d + j] = counts[g] > 0 ? sums[g * d + j] / counts[g] : NaN;
  return rows(sums, d);
}

function clusterModel(result: AnalysisResult, clustering: RunClusteringResult, method: MethodResult): StoredClusterModel | null {
  const d = clustering.features.length;
  const names = method.profiles.clusters.map((p) => p.name);
  switch (method.method) {
    case 'kmeans':
      return { method: 'kmeans', k: method.k, names, centroids: rows(method.centroids, d) };
    case 'gmm':
      return {
        method: 'gmm',
        k: method.k,
        names,
        weights: Array.from(method.weights),
        means: rows(method.means, d),
        covariances: rows(method.covariances, d * d).map((flat) => Array.from({ length: d }, (_, a) => flat.slice(a * d, (a + 1) * d))),
      };
    case 'hierarchical': {
      const centroids = memberCentroids(result, clustering, method.labels, method.k);
      // An empty Ward cluster has no centroid to place anyone near; it is left out of the placement.
      if (centroids.some((c) => c.some((v) => !Number.isFinite(v)))) return null;
      return { method: 'hierarchical', k: method.k, names, rule: 'nearest-centroid', centroids };
    }
    default: {
      const never: never = method;
      return never;
    }
  }
}

function purchaseSpec(fit: PurchaseModelFit): PurchaseModelSpec {
  switch (fit.model) {
    case 'bgnbd':
    case 'mbgnbd': {
      const { r, alpha, a, b } = fit.params;
      return { model: fit.model, params: { r, alpha, a, b } };
    }
    case 'pnbd': {
      const { r, alpha, s, beta } = fit.params;
      return { model: 'pnbd', params: { r, alpha, s, beta } };
    }
    default: {
      const never: never = fit;
      return never;
    }
  }
}

/**
 * Everything a finished analysis fitted, as plain JSON: cleaning options, snapshot rule, RFM
 * breaks and segment rules, churn thresholds, the clustering scaler and each method's placement
 * rule (k-means centroids, mixture parameters, Ward's cluster centroids), and the purchase and
 * spend model parameters with the CLV horizon and discount. scoreCustomers uses it to place
 * the customers of another file without refitting.
 * @example
 * const models = buildRunModels(await runAnalysis(stream, { seed: 42 }));
 * JSON.stringify(models); // stored with the run
 */
export function buildRunModels(result: AnalysisResult): RunModels {
  const o = result.options;
  const clustering = result.clustering.status === 'done' ? result.clustering.result : null;
  const ltv = result.lifetimeValue.status === 'done' ? result.lifetimeValue : null;
  return {
    version: RUN_MODELS_VERSION,
    cleaning: { value: o.value, dropDuplicates: o.dropDuplicates },
    snapshot: { rule: o.snapshot === undefined ? 'day-after-last-purchase' : 'fixed', date: isoDay(result.features.snapshot) },
    homeCountry: result.features.homeCountry,
    rfm: {
      scoring: result.rfm.scoring,
      scores: Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, scoreRule(result, dimension)])) as RunModels['rfm']['scores'],
      rules: result.rfm.rules.map((rule) => ({ name: rule.name, recency: [...rule.recency], frequency: [...rule.frequency], monetary: [...rule.monetary] })),
    },
    churn: { pAliveThresholds: { atRiskBelow: o.pAliveThresholds.atRiskBelow, churnedBelow: o.pAliveThresholds.churnedBelow } },
    clustering: clustering
      ? {
          features: [...clustering.features],
          log: clustering.log,
          means: Array.from(clustering.means),
          stds: Array.from(clustering.stds),
          methods: Object.values(clustering.methods)
            .filter((m): m is MethodResult => m !== undefined)
            .map((m) => clusterModel(result, clustering, m))
            .filter((m): m is StoredClusterModel => m !== null),
        }
      : null,
    lifetimeValue: ltv
      ? {
          purchase: purchaseSpec(ltv.result.purchaseFit),
          unit: ltv.result.purchaseFit.unit,
          spend: ltv.result.spend.status === 'fitted' ? { ...ltv.result.spend.fit.params } : null,
          horizonMonths: ltv.result.horizonMonths,
          discountRate: ltv.result.discountRate,
          monthLengthDays: ltv.result.monthLengthDays,
          pAliveShown: dropoutNotIdentified(ltv.result.purchaseFit).length === 0,
          caveat: ltv.caveat,
        }
      : null,
  };
}
