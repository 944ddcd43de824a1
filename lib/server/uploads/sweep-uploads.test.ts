import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/database';
import { PGLITE_BACKEND } from '../db/testing/test-databases';
import { sweepUploads } from './sweep-uploads';

const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(!PGLITE_BACKEND.available)('sweeping the uploads folder', () => {
  let db: Database;
  beforeAll(async () => {
    db = await PGLITE_BACKEND.open();
  }, 120_000);
  afterAll(() => db?.close());

  async function dataset(name: string, rowsKept: number, runStatus: 'succeeded' | 'running' | null, createdAt: Date): Promise<number> {
    const d = await db.prisma.dataset.create({
      data: { name, sourceFileName: `${name}.csv`, checksum: name, byteSize: 1n, rowsRead: rowsKept, rowsKept, customerCount: 0, options: {}, cleaningReport: {}, ingestReport: {}, createdAt },
    });
    if (runStatus) await db.prisma.run.create({ data: { datasetId: d.id, parameters: {}, status: runStatus, createdAt } });
    return d.id;
  }

  test('removes what no dataset can read again, keeps what a dataset or an upload under way still needs', async () => {
    const now = Date.now();
    const uploads = mkdtempSync(join(tmpdir(), 'segmenta-sweep-'));
    const folder = (id: number) => {
      mkdirSync(join(uploads, `dataset-${id}`));
      writeFileSync(join(uploads, `dataset-${id}`, 'file.csv'), 'a,b\n');
      return `dataset-${id}`;
    };
    const kept = folder(await dataset('recent', 10, 'succeeded', new Date(now - 2 * DAY)));
    const old = folder(await dataset('old', 10, 'succeeded', new Date(now - 40 * DAY)));
    const noLines = folder(await dataset('no-lines', 0, null, new Date(now - DAY)));
    const running = folder(await dataset('running', 0, 'running', new Date(now - 40 * DAY)));
    const deleted = folder(999_999);
    writeFileSync(join(uploads, 'abandoned.csv'), 'x');
    utimesSync(join(uploads, 'abandoned.csv'), new Date(now - 2 * 3_600_000), new Date(now - 2 * 3_600_000));
    writeFileSync(join(uploads, 'being-stored.csv'), 'x');
    mkdirSync(join(uploads, 'staging'));

    expect(await sweepUploads(db, uploads, { keepDays: 30, now })).toEqual({ orphans: 2, expired: 2 });
    expect(readdirSync(uploads).sort()).toEqual(['being-stored.csv', kept, running, 'staging'].sort());
    expect(existsSync(join(uploads, old))).toBe(false);
    expect(existsSync(join(uploads, noLines))).toBe(false);
    expect(existsSync(join(uploads, deleted))).toBe(false);

    // A retention of 0 days removes a stored dataset's file as soon as nothing runs on it.
    expect(await sweepUploads(db, uploads, { keepDays: 0, now })).toEqual({ orphans: 0, expired: 1 });
    expect(readdirSync(uploads).sort()).toEqual(['being-stored.csv', running, 'staging'].sort());
  });

  test('keeps the file of a dataset whose lines are still being saved (a restart reads them from it again), whatever the retention', async () => {
    const now = Date.now();
    const uploads = mkdtempSync(join(tmpdir(), 'segmenta-sweep-saving-'));
    const id = await dataset('saving', 10, 'succeeded', new Date(now - 40 * DAY));
    await db.sql.query(`UPDATE dataset SET lines_state = 'saving' WHERE id = $1`, [id]);
    mkdirSync(join(uploads, `dataset-${id}`));
    writeFileSync(join(uploads, `dataset-${id}`, 'file.csv'), 'a,b\n');

    expect(await sweepUploads(db, uploads, { keepDays: 0, now })).toEqual({ orphans: 0, expired: 0 });
    expect(readdirSync(uploads)).toEqual([`dataset-${id}`]);
    await db.sql.query(`UPDATE dataset SET lines_state = 'saved' WHERE id = $1`, [id]);
    expect(await sweepUploads(db, uploads, { keepDays: 0, now })).toEqual({ orphans: 0, expired: 1 });
    expect(readdirSync(uploads)).toEqual([]);
  });
});
