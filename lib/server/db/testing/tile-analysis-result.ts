import type { AnalysisResult } from '@/lib/engines';

type Tileable = Float64Array | Int32Array | Uint8Array | Int8Array | Uint16Array | Uint32Array | Float32Array;

function isTypedArray(value: unknown): value is Tileable {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** A [0, 1) value from an integer, the same on every run. */
function unit(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** `source` repeated `copies` times; values moved by up to +-10 % per copy where `jitter`; indexes offset by `offset` per copy. */
function tile<T extends Tileable>(source: T, copies: number, options: { jitter?: boolean; offset?: number } = {}): T {
  const n = source.length;
  const out = new (source.constructor as new (length: number) => T)(n * copies);
  for (let g = 0; g < copies; g++) {
    for (let i = 0; i < n; i++) {
      let value = source[i];
      if (options.jitter && g > 0 && Number.isFinite(value)) value *= 0.9 + 0.2 * unit(g * n + i);
      if (options.offset !== undefined && value >= 0) value += g * options.offset;
      out[g * n + i] = value;
    }
  }
  return out;
}

/** Each per-customer array of `object` (length `count`) tiled; other fields kept. */
function tileFields<T extends object>(object: T, count: number, copies: number, jittered: readonly string[] = []): T {
  const out: Record<string, unknown> = { ...(object as Record<string, unknown>) };
  for (const [key, value] of Object.entries(object)) {
    if (isTypedArray(value) && value.length === count) out[key] = tile(value, copies, { jitter: jittered.includes(key) });
  }
  return out as T;
}

/**
 * The analysis's customers `copies` times over, as one analysis of a file that many times larger
 * (for benchmarks): copy g's ids are the numeric ids + g * 100,000 (as scripts/make-replicated-log.ts
 * makes them, so numeric ids stay in order), money and CLV move by up to +-10 % per copy (seeded),
 * the rest is repeated. Only what the save of customer results reads is tiled.
 */
export function tileAnalysisResult(result: AnalysisResult, copies: number): AnalysisResult {
  const f = result.features;
  const n = f.count;
  const ids: string[] = new Array(n * copies);
  for (let g = 0; g < copies; g++) {
    for (let i = 0; i < n; i++) ids[g * n + i] = g === 0 ? f.ids[i] : `${Math.round(Number(f.ids[i])) + g * 100_000}.0`;
  }
  const features = {
    ...tileFields(f, n, copies, ['monetary', 'grossSpend', 'averageOrderValue']),
    count: n * copies,
    ids,
    mix: tile(f.mix, copies),
  };
  let clustering = result.clustering;
  if (clustering.status === 'done') {
    const methods = Object.fromEntries(
      Object.entries(clustering.result.methods).map(([method, outcome]) => [method, outcome && { ...outcome, labels: tile(outcome.labels, copies) }]),
    );
    clustering = { ...clustering, result: { ...clustering.result, methods } };
  }
  let lifetimeValue = result.lifetimeValue;
  if (lifetimeValue.status === 'done') {
    const rows = lifetimeValue.result.customer.length;
    lifetimeValue = {
      ...lifetimeValue,
      rowOfCustomer: tile(lifetimeValue.rowOfCustomer, copies, { offset: rows }),
      shownPAlive: tile(lifetimeValue.shownPAlive, copies),
      result: tileFields(lifetimeValue.result, rows, copies, ['expectedSpend', 'clv', 'clvLower', 'clvUpper']),
    };
  }
  return {
    ...result,
    features,
    rfm: tileFields(result.rfm, n, copies),
    churn: tileFields(result.churn, n, copies),
    clustering,
    lifetimeValue,
    clv: tile(result.clv, copies, { jitter: true }),
  };
}
