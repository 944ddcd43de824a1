// Runs a command-line script from scripts/ as one bundled ES module (see bundle.mjs): starting a
// bundle takes ~0.1 s, loading the TypeScript sources through a loader ~0.8 s.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, root } from './bundle.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name || !existsSync(join(root, 'scripts', `${name}.ts`))) {
  process.stderr.write(`Usage: node scripts/launch.mjs <script> [args]; no script scripts/${name ?? ''}.ts\n`);
  process.exit(2);
}
const outfile = await bundle(`scripts/${name}.ts`, `node_modules/.cache/segmenta/${name}.mjs`);
// The engines' worker threads start the task worker beside the script's bundle (thread-pool.ts).
await bundle('lib/engines/parallel/task-worker.ts', 'node_modules/.cache/segmenta/task-worker.mjs');
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
