// Runs a command-line script from scripts/ as one bundled ES module, rebuilt with esbuild when
// any source is newer than the bundle. Starting a bundle takes ~0.1 s; loading the TypeScript
// sources through a loader takes ~0.8 s, most of a small analysis.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [name, ...args] = process.argv.slice(2);
const entry = join(root, 'scripts', `${name}.ts`);
if (!name || !existsSync(entry)) {
  process.stderr.write(`Usage: node scripts/launch.mjs <script> [args]; no script scripts/${name ?? ''}.ts\n`);
  process.exit(2);
}
const outfile = join(root, 'node_modules', '.cache', 'segmenta', `${name}.mjs`);

function newestSource(dir, newest = 0) {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = newestSource(path, newest);
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(outfile) || statSync(outfile).mtimeMs < Math.max(newestSource(join(root, 'lib')), newestSource(join(root, 'scripts')));
if (stale) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    alias: { '@': root },
  });
}
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
