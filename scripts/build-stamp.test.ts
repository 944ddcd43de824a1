import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { BUILD_OUTPUTS, buildDecision, decideBuild, sourceFingerprint, startMessage, writeStamp } from './build-stamp.mjs';

test.each([
  [{ force: true, outputsPresent: true, recorded: 'a', current: 'a' }, true, 'a rebuild was asked for'],
  [{ force: false, outputsPresent: false, recorded: 'a', current: 'a' }, true, 'there is no complete build yet'],
  [{ force: false, outputsPresent: true, recorded: null, current: 'a' }, true, 'the build does not record the sources it was made from'],
  [{ force: false, outputsPresent: true, recorded: 'a', current: 'b' }, true, 'the sources changed since the last build'],
  [{ force: false, outputsPresent: true, recorded: 'a', current: 'a' }, false, 'the build is up to date with the sources'],
])('decideBuild(%j) builds: %s', (input, build, reason) => {
  expect(decideBuild(input)).toEqual({ build, reason });
});

test.each([
  [{ build: true, reason: 'the sources changed since the last build' }, 'Segmenta: building first (the sources changed since the last build), then starting the server.'],
  [
    { build: false, reason: 'the build is up to date with the sources' },
    'Segmenta: the build is up to date with the sources; starting it without rebuilding (`npm start -- --rebuild` rebuilds first).',
  ],
])('npm start says what it does for %j', (decision, message) => {
  expect(startMessage(decision)).toBe(message);
});

let root: string;
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'segmenta-build-stamp-'));
  put('app/page.tsx', 'export default 1;\n');
  put('lib/a.ts', 'export const a = 1;\n');
  put('package-lock.json', '{"lockfileVersion":3}\n');
  put('next.config.js', 'module.exports = {};\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('the fingerprint changes with any source, lock file or config change, and not with derived folders', () => {
  const first = sourceFingerprint(root);
  expect(sourceFingerprint(root)).toBe(first);
  put('lib/server/db/generated/client.ts', 'generated\n');
  put('lib/node_modules/x.js', 'x\n');
  expect(sourceFingerprint(root)).toBe(first);

  put('lib/a.ts', 'export const a = 2;\n');
  const edited = sourceFingerprint(root);
  expect(edited).not.toBe(first);
  put('lib/a.ts', 'export const a = 1;\n');
  expect(sourceFingerprint(root)).toBe(first);

  put('package-lock.json', '{"lockfileVersion":3,"x":1}\n');
  expect(sourceFingerprint(root)).not.toBe(first);
  put('package-lock.json', '{"lockfileVersion":3}\n');
  put('next.config.js', 'module.exports = { a: 1 };\n');
  expect(sourceFingerprint(root)).not.toBe(first);
  put('next.config.js', 'module.exports = {};\n');

  renameSync(join(root, 'lib/a.ts'), join(root, 'lib/b.ts'));
  expect(sourceFingerprint(root)).not.toBe(first);
  renameSync(join(root, 'lib/b.ts'), join(root, 'lib/a.ts'));
  put('components/new.tsx', '\n');
  expect(sourceFingerprint(root)).not.toBe(first);
});

test('start builds until a complete build records the current sources, then only after a change or when asked', () => {
  expect(buildDecision(root)).toEqual({ build: true, reason: 'there is no complete build yet' });
  for (const output of BUILD_OUTPUTS) put(output, 'built\n');
  expect(buildDecision(root)).toEqual({ build: true, reason: 'the build does not record the sources it was made from' });
  writeStamp(root);
  expect(buildDecision(root)).toEqual({ build: false, reason: 'the build is up to date with the sources' });
  expect(buildDecision(root, { force: true })).toEqual({ build: true, reason: 'a rebuild was asked for' });
  put('app/page.tsx', 'export default 2;\n');
  expect(buildDecision(root)).toEqual({ build: true, reason: 'the sources changed since the last build' });
  writeStamp(root);
  rmSync(join(root, BUILD_OUTPUTS[0]));
  expect(buildDecision(root)).toEqual({ build: true, reason: 'there is no complete build yet' });
});
