// Whether `npm start` must build first: the build records a fingerprint of the sources it was made
// from (every file under the source folders, package-lock, next.config and the other build
// inputs); start compares it with the sources now and builds only when they differ, when a build
// output is missing, or when asked (`npm start -- --rebuild`, SEGMENTA_REBUILD=1).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders and files whose content decides the build; everything under a folder counts. */
export const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'prisma',
  'public',
  'scripts',
  'types',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.js',
  'package.json',
  'package-lock.json',
  'postcss.config.mjs',
  'prisma.config.ts',
  'tsconfig.json',
];

// Derived or local folders inside the inputs: the generated Prisma client follows prisma/schema.prisma and package-lock.
const SKIPPED_DIRS = new Set(['node_modules', 'generated', '.next', '.segmenta']);

/** Where the build's fingerprint is kept, beside the server bundle it describes. */
export const STAMP_PATH = join('.segmenta', 'build-stamp.json');

/** The outputs `npm start` serves: without any of them the build is not there. */
export const BUILD_OUTPUTS = [join('.next', 'BUILD_ID'), join('.segmenta', 'server.mjs'), join('.segmenta', 'analysis-worker.mjs')];

function listFiles(root, path, out) {
  const full = join(root, path);
  const entries = readdirSync(full, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = path === '' ? entry.name : `${path}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) listFiles(root, child, out);
    } else if (entry.isFile()) out.push(child);
  }
}

/** A sha256 over the path and content of every build input under `root`, in a fixed order. */
export function sourceFingerprint(root, inputs = BUILD_INPUTS) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const full = join(root, input);
    if (!existsSync(full)) continue;
    const files = [];
    if (statSync(full).isDirectory()) listFiles(root, input, files);
    else files.push(input);
    for (const file of files) {
      hash.update(`${file.split(sep).join('/')}\0`);
      hash.update(readFileSync(join(root, file)));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/**
 * Build or not: `force` always builds; a missing output or stamp builds; a recorded fingerprint
 * that differs from the sources' builds; the same fingerprint with every output present does not.
 * @returns {{ build: boolean, reason: string }}
 */
export function decideBuild({ force, outputsPresent, recorded, current }) {
  if (force) return { build: true, reason: 'a rebuild was asked for' };
  if (!outputsPresent) return { build: true, reason: 'there is no complete build yet' };
  if (!recorded) return { build: true, reason: 'the build does not record the sources it was made from' };
  if (recorded !== current) return { build: true, reason: 'the sources changed since the last build' };
  return { build: false, reason: 'the build is up to date with the sources' };
}

/**
 * What `npm start` prints before it starts the server: that it builds first and why, or that
 * it starts the existing build, which is up to date, and how to rebuild anyway.
 * @param {{ build: boolean, reason: string }} decision
 * @returns {string}
 */
export function startMessage(decision) {
  return decision.build
    ? `Segmenta: building first (${decision.reason}), then starting the server.`
    : `Segmenta: the build is up to date with the sources; starting it without rebuilding (\`npm start -- --rebuild\` rebuilds first).`;
}

/** The fingerprint recorded by the last build under `root`, or null. */
export function readStamp(root) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, STAMP_PATH), 'utf8'));
    return typeof stamp.sources === 'string' ? stamp.sources : null;
  } catch {
    return null;
  }
}

/** Records the sources' fingerprint after a build. */
export function writeStamp(root, sources = sourceFingerprint(root)) {
  mkdirSync(join(root, dirname(STAMP_PATH)), { recursive: true });
  writeFileSync(join(root, STAMP_PATH), `${JSON.stringify({ sources, builtAt: new Date().toISOString() })}\n`);
}

/** The decision for the project under `root` now. */
export function buildDecision(root, { force = false } = {}) {
  return decideBuild({
    force,
    outputsPresent: BUILD_OUTPUTS.every((output) => existsSync(join(root, output))),
    recorded: readStamp(root),
    current: sourceFingerprint(root),
  });
}

// `node scripts/build-stamp.mjs record`: the last step of `npm run build`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === 'record') {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  writeStamp(root);
  console.log(`build: sources recorded in ${relative(process.cwd(), join(root, STAMP_PATH)) || STAMP_PATH}`);
}
