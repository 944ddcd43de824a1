import { join } from 'node:path';

/**
 * `entry` (a path from the project folder) bundled for tests into node_modules/.cache/segmenta/`outName`
 * (scripts/bundle.mjs rebuilds it only when a source is newer); returns the bundle's path.
 */
export async function bundleForTest(entry: string, outName: string): Promise<string> {
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('../../../../scripts/bundle.mjs');
  return bundle(entry, join('node_modules', '.cache', 'segmenta', outName));
}

/** The analysis worker bundled for tests: the workerPath of runAnalysisInWorker and the run service. */
export function bundleTestAnalysisWorker(): Promise<string> {
  return bundleForTest('lib/server/runs/analysis-worker.ts', 'test-analysis-worker.mjs');
}

/** The upload preview worker bundled for tests: the previewWorkerPath of the run service and the upload flow. */
export function bundleTestPreviewWorker(): Promise<string> {
  return bundleForTest('lib/server/uploads/preview-worker.ts', 'test-preview-worker.mjs');
}
