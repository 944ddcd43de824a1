// Bundles a TypeScript entry point into one ES module with esbuild when any source under lib/
// or scripts/ is newer than the bundle. Used by the command line (launch.mjs) and by the web
// server's analysis worker, so neither pays for a TypeScript loader at start-up.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder, found upwards from this file, also when this file is bundled into another. */
function findRoot(from) {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'segmenta') return dir;
  }
  throw new Error(`Could not find the Segmenta project folder above ${from}`);
}

export const root = findRoot(fileURLToPath(import.meta.url));

function newestSource(dir, newest = 0) {
  if (!existsSync(dir)) return newest;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (item.name !== 'generated') newest = newestSource(path, newest);
    } else if (/\.m?ts$|\.mjs$/.test(item.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

// 'server-only' throws outside React Server environments; a command-line bundle (a benchmark of
// the data-access layer) runs in plain Node, where that guard has nothing to guard against.
const serverOnlyStub = {
  name: 'server-only-stub',
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'server-only-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'server-only-stub' }, () => ({ contents: '', loader: 'js' }));
  },
};

/**
 * Build `entry` (relative to the project) into `outfile` unless the bundle is up to date; returns outfile.
 * The bundle is written beside its place and renamed into it, so a process that bundles the same
 * entry at the same time (test files run in parallel) never imports a half-written file.
 */
export async function bundle(entry, outfile) {
  const target = join(root, outfile);
  const stale =
    !existsSync(target) || statSync(target).mtimeMs < Math.max(newestSource(join(root, 'lib')), newestSource(join(root, 'scripts')));
  if (stale) {
    const { build } = await import('esbuild');
    mkdirSync(dirname(target), { recursive: true });
    const { outputFiles } = await build({
      entryPoints: [join(root, entry)],
      outfile: target,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'warning',
      alias: { '@': root },
      plugins: [serverOnlyStub],
    });
    const partial = `${target}.${process.pid}-${Math.random().toString(36).slice(2)}.partial`;
    writeFileSync(partial, outputFiles[0].contents);
    renameSync(partial, target);
  }
  return target;
}
