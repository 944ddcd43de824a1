import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { LOCK_FILE_NAME } from './db/data-dir-lock';
import { openDatabase } from './db/database';

let childPath = '';

beforeAll(async () => {
  // @ts-expect-error -- plain ES module without types
  const { bundle } = await import('../../scripts/bundle.mjs');
  childPath = await bundle('lib/server/testing/start-server-child.ts', join('node_modules', '.cache', 'segmenta', 'test-start-server-child.mjs'));
}, 120_000);

/** A data folder that already holds a dataset, so start-up does not generate and analyse the demo. */
async function seededDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'segmenta-start-'));
  const db = await openDatabase({ kind: 'pglite', dataDir });
  await db.prisma.dataset.create({
    data: { name: 'seed', sourceFileName: 'seed.csv', checksum: 'seed', byteSize: 1n, rowsRead: 1, rowsKept: 1, customerCount: 1, options: {}, cleaningReport: {}, ingestReport: {} },
  });
  await db.close();
  return dataDir;
}

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function startServerProcess(dataDir: string): Started {
  const child = spawn(process.execPath, [childPath], { env: { ...process.env, SEGMENTA_DATA_DIR: dataDir, DATABASE_URL: '' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function ready(started: Started): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!started.output().includes('READY')) {
    if (started.child.exitCode !== null) throw new Error(`the server exited with ${started.child.exitCode}: ${started.output()}`);
    if (Date.now() > deadline) throw new Error(`the server did not start: ${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test(
  'a second server on the same data folder exits with 1 and says why; SIGTERM stops the first with 0 and removes the lock',
  async () => {
    const signal = 'SIGTERM';
    const dataDir = await seededDataDir();
    const first = startServerProcess(dataDir);
    await ready(first);
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(first.child.pid);

    const second = startServerProcess(dataDir);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`Segmenta could not start: The database in ${dataDir} is in use (process ${first.child.pid} has it open)`);
    expect(second.output()).not.toContain('READY');
    // The first server still holds its folder.
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);

    first.child.kill(signal);
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain(`Segmenta: ${signal} received; closing the database and stopping.`);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

  },
  120_000,
);

test('a lock left by a killed server does not stop the next start; SIGINT stops it with 0', async () => {
  const dataDir = await seededDataDir();
  const first = startServerProcess(dataDir);
  await ready(first);
  first.child.kill('SIGKILL');
  await first.exited;
  expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);
  const next = startServerProcess(dataDir);
  await ready(next);
  next.child.kill('SIGINT');
  expect(await next.exited).toBe(0);
  expect(next.output()).toContain('Segmenta: SIGINT received; closing the database and stopping.');
  expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
}, 120_000);
