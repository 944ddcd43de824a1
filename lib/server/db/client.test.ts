import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';

// 'server-only' throws outside React Server Components; Next.js resolves it to an empty module.
vi.mock('server-only', () => ({}));

const { closeDatabase, getDatabase, getPrisma, getSql } = await import('./client');

let dir: string;
const saved = { dir: process.env.SEGMENTA_DATA_DIR, url: process.env.DATABASE_URL };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'segmenta-client-'));
  process.env.SEGMENTA_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  await closeDatabase();
  if (saved.dir === undefined) delete process.env.SEGMENTA_DATA_DIR;
  else process.env.SEGMENTA_DATA_DIR = saved.dir;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  await rm(dir, { recursive: true, force: true });
});

test('getPrisma and getSql are the process-wide database’s client and raw SQL', async () => {
  const db = await getDatabase();
  expect(await getPrisma()).toBe(db.prisma);
  expect(await getSql()).toBe(db.sql);
  await (await getSql()).query(`INSERT INTO audience (name, filter) VALUES ('via sql', '{}')`);
  expect(await (await getPrisma()).audience.count()).toBe(1);
});
