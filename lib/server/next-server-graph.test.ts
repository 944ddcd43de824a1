import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

// Next.js's build (Turbopack) bundles every module the pages, routes, proxy and instrumentation
// import, and traces the files they may open. A worker started from a computed path, unmarked,
// makes it trace the whole project: test fixtures, scripts, next's own CLI. The build then fails
// ("Unknown module type", "Can't resolve 'critters'"). Workers that run engine tasks are started by
// the bundled analysis worker and the CLI (esbuild), never from this graph.

const root = process.cwd();
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
// Static imports and re-exports that stay at run time (`import type` is erased), and import().
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function entries(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(path);
    }
  };
  walk(join(root, 'app'));
  for (const name of ['instrumentation.ts', 'proxy.ts']) if (existsSync(join(root, name))) files.push(join(root, name));
  return files;
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = join(root, specifier.slice(2));
  else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else return null; // a package
  if (/\.tsx?$/.test(base) && existsSync(base)) return base;
  for (const extension of EXTENSIONS) if (existsSync(base + extension)) return base + extension;
  return null; // CSS and other assets
}

/** Every project module the Next.js server and client bundles import, from the pages, routes, proxy and instrumentation. */
function nextGraph(): Set<string> {
  const seen = new Set<string>();
  const queue = entries();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, match[1] ?? match[2]);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}

const graph = nextGraph();
const modules = [...graph].map((file) => relative(root, file)).sort();

test('the graph walk reaches the server modules the pages use', () => {
  expect(modules).toContain('lib/server/runs/run-service.ts');
  expect(modules).toContain('lib/engines/ingest/read-transactions.ts');
  expect(modules).toContain('lib/server/runs/run-analysis-in-worker.ts');
});

test('no page, route or instrumentation imports the engine thread pool', () => {
  expect(modules.filter((file) => file.startsWith('lib/engines/parallel/thread-pool'))).toEqual([]);
});

test('every worker started from a module the Next.js build bundles has its path marked opaque to the tracer', () => {
  const unmarked = modules.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(/new Worker\(\s*(?!\/\* turbopackIgnore: true \*\/)/g)].map((m) => `${file}:${text.slice(0, m.index).split('\n').length}`);
  });
  expect(unmarked).toEqual([]);
});
