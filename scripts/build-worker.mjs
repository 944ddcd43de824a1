// Bundles the web server (scripts/server.ts) and its worker threads (run by `npm run build`): the analysis, its task threads, the upload preview and the embedded database.
import { bundle } from './bundle.mjs';

for (const [entry, out] of [
  ['lib/server/runs/analysis-worker.ts', '.segmenta/analysis-worker.mjs'],
  ['lib/server/uploads/preview-worker.ts', '.segmenta/preview-worker.mjs'],
  ['lib/server/db/pglite-thread.ts', '.segmenta/pglite-thread.mjs'],
  // Started by the analysis worker's thread pool, from beside its bundle (lib/engines/parallel/thread-pool.ts).
  ['lib/engines/parallel/task-worker.ts', '.segmenta/task-worker.mjs'],
  // The web server behind the page cache, started by `npm start` (scripts/next.mjs).
  ['scripts/server.ts', '.segmenta/server.mjs'],
]) {
  console.log(`worker: ${await bundle(entry, out)}`);
}
