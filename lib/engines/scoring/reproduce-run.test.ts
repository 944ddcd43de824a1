// Acceptance: scoring a file equal to the run's own input with the run's stored models (through
// JSON and the zod schema, as the database hands them back) gives the run's own assignments.
import { describe, expect, test } from 'vitest';
import { demoLogBytes } from '../../demo/demo-log-bytes';
import { runModelsSchema } from '../../schemas/run-models-schema';
import { syntheticLog } from '../../server/db/testing/synthetic-log';
import { runAnalysis } from '../pipeline/run-analysis';
import type { AnalysisOptions, AnalysisResult } from '../pipeline/types';
import { buildRunModels } from './build-run-models';
import { scoreCustomers, type ScoredCustomers } from './score-customers';
import type { RunModels } from './types';

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

interface Case {
  name: string;
  source: () => AsyncIterable<Uint8Array>;
  options: Partial<AnalysisOptions>;
}

const CASES: Case[] = [
  { name: 'the demo', source: () => demoLogBytes(), options: { seed: 42 } },
  { name: 'a small simulated log', source: () => bytesOf(syntheticLog(4000, 160, 11)), options: { seed: 7 } },
  { name: 'a small simulated log with a fixed snapshot and k', source: () => bytesOf(syntheticLog(2500, 90, 3)), options: { seed: 3, snapshot: Date.UTC(2012, 0, 15), k: 3 } },
];

function expectClose(actual: Float64Array, expected: Float64Array, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    expect(Number.isNaN(actual[i]), `customer ${i} shown in one and not the other`).toBe(Number.isNaN(expected[i]));
    if (!Number.isNaN(expected[i])) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  expect(worst).toBeLessThanOrEqual(tolerance);
}

describe.each(CASES)('scoring $name with its own run', ({ source, options }) => {
  let run: AnalysisResult;
  let models: RunModels;
  let scored: ScoredCustomers;

  test('the run stores its models and they survive JSON and the schema', async () => {
    run = await runAnalysis(source(), options);
    const stored = JSON.parse(JSON.stringify(buildRunModels(run))) as unknown;
    models = runModelsSchema.parse(stored);
    expect(models).toEqual(stored);
    scored = await scoreCustomers(source(), models);
    expect(scored.features.ids).toEqual(run.features.ids);
    expect(scored.snapshot).toBe(run.features.snapshot);
  });

  test('RFM scores, codes, segments and churn status are the run’s', () => {
    expect(Array.from(scored.rfm.r)).toEqual(Array.from(run.rfm.r));
    expect(Array.from(scored.rfm.f)).toEqual(Array.from(run.rfm.f));
    expect(Array.from(scored.rfm.m)).toEqual(Array.from(run.rfm.m));
    expect(Array.from(scored.rfm.codes)).toEqual(Array.from(run.rfm.codes));
    expect(scored.rfm.segmentNames).toEqual(run.rfm.segmentNames);
    expect(Array.from(scored.rfm.segment)).toEqual(Array.from(run.rfm.segment));
    expect(Array.from(scored.churn.status)).toEqual(Array.from(run.churn.status));
    expect(Array.from(scored.churn.basis)).toEqual(Array.from(run.churn.basis));
  });

  test('k-means and Gaussian-mixture clusters are the run’s; Ward is placed by nearest centroid', () => {
    if (run.clustering.status !== 'done') throw new Error(`clustering skipped: ${run.clustering.reason}`);
    const methods = run.clustering.result.methods;
    expect(scored.clusters.map((c) => c.method).sort()).toEqual(Object.keys(methods).sort());
    for (const cluster of scored.clusters) {
      const own = methods[cluster.method];
      if (!own) throw new Error(`${cluster.method} missing from the run`);
      expect(cluster.names).toEqual(own.profiles.clusters.map((p) => p.name));
      if (cluster.method === 'hierarchical') {
        // Ward has no predict step: nearest centroid agrees with the tree for most customers, not all.
        let same = 0;
        for (let c = 0; c < own.labels.length; c++) if (own.labels[c] === cluster.labels[c]) same++;
        expect(same / own.labels.length).toBeGreaterThan(0.8);
      } else {
        expect(Array.from(cluster.labels), cluster.method).toEqual(Array.from(own.labels));
      }
    }
  });

  test('P(alive), expected purchases and CLV are the run’s to 1e-9', () => {
    if (run.lifetimeValue.status !== 'done') throw new Error(`lifetime value skipped: ${run.lifetimeValue.reason}`);
    const { result, rowOfCustomer, shownPAlive } = run.lifetimeValue;
    expectClose(scored.pAlive, shownPAlive, 1e-9);
    expectClose(scored.clv, run.clv, 1e-9);
    const expected = Float64Array.from(rowOfCustomer, (row) => (row >= 0 ? result.expectedPurchases[row] : NaN));
    expectClose(scored.expectedPurchases, expected, 1e-9);
  });
});
