import { EngineError } from '../errors';
import { squaredDistance } from '../clustering/lloyd';
import type { StoredClusterModel } from './types';

const LOG_2PI = Math.log(2 * Math.PI);

/** Index of the nearest centroid (squared Euclidean distance; the lower index on ties). */
function nearestCentroid(data: Float64Array, n: number, d: number, centroids: number[][]): Int32Array {
  const flat = Float64Array.from(centroids.flat());
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < centroids.length; c++) {
      const distance = squaredDistance(data, i * d, flat, c * d, d);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}

/** Lower Cholesky factor of a covariance and its log determinant, in the mixture fit's order of operations. */
function choleskyOf(covariance: number[][], d: number, component: number): { lower: Float64Array; logDet: number } {
  const lower = new Float64Array(d * d);
  let logDet = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = covariance[a][b];
      for (let t = 0; t < b; t++) sum -= lower[a * d + t] * lower[b * d + t];
      if (a === b) {
        if (!(sum > 0)) throw new EngineError('INVALID_INPUT', `The stored Gaussian mixture component ${component} has a covariance that is not positive definite.`);
        lower[a * d + a] = Math.sqrt(sum);
        logDet += 2 * Math.log(lower[a * d + a]);
      } else {
        lower[a * d + b] = sum / lower[b * d + b];
      }
    }
  }
  return { lower, logDet };
}

/** The component with the highest posterior probability under the stored mixture (the lower index on ties). */
function mostLikelyComponent(data: Float64Array, n: number, d: number, weights: number[], means: number[][], covariances: number[][][]): Int32Array {
  const k = weights.length;
  const factors = covariances.map((covariance, c) => choleskyOf(covariance, d, c));
  const logProb = new Float64Array(k);
  const z = new Float64Array(d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const { lower, logDet } = factors[c];
      const constant = Math.log(weights[c]) - 0.5 * (d * LOG_2PI + logDet);
      let mahalanobis = 0;
      for (let a = 0; a < d; a++) {
        let value = data[i * d + a] - means[c][a];
        for (let b = 0; b < a; b++) value -= lower[a * d + b] * z[b];
        z[a] = value / lower[a * d + a];
        mahalanobis += z[a] * z[a];
      }
      logProb[c] = constant - 0.5 * mahalanobis;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logProb[c] > max) max = logProb[c];
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logProb[c] - max);
    const logSum = max + Math.log(sum);
    let best = 0;
    let bestProbability = -Infinity;
    for (let c = 0; c < k; c++) {
      const probability = Math.exp(logProb[c] - logSum);
      if (probability > bestProbability) {
        bestProbability = probability;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}

/**
 * Cluster of each standardised row (n x d, row-major) under one stored method: the nearest k-means
 * centroid, the most probable mixture component, or the nearest Ward cluster centroid.
 */
export function placeInClusters(model: StoredClusterModel, data: Float64Array, n: number, d: number): Int32Array {
  switch (model.method) {
    case 'kmeans':
    case 'hierarchical':
      return nearestCentroid(data, n, d, model.centroids);
    case 'gmm':
      return mostLikelyComponent(data, n, d, model.weights, model.means, model.covariances);
    default: {
      const never: never = model;
      throw new EngineError('INVALID_OPTION', `Unknown clustering method "${String((never as StoredClusterModel).method)}".`);
    }
  }
}
