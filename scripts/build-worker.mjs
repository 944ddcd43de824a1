// Bundles the analysis worker for the web server (run by `npm run build`).
import { bundle } from './bundle.mjs';

const out = await bundle('lib/server/runs/analysis-worker.ts', '.segmenta/analysis-worker.mjs');
console.log(`analysis worker: ${out}`);
