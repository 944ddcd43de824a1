import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BinaryCopyWriter, encodeText } from './binary-copy-writer';
import type { Database } from './database';
import { DRIVER_TEST_BACKENDS } from './testing/test-databases';

function bytes(write: (out: BinaryCopyWriter) => void): number[] {
  const out = new BinaryCopyWriter(4);
  write(out);
  return [...out.take()];
}

test.each<[string, (out: BinaryCopyWriter) => void, number[]]>([
  ['row(3)', (out) => out.row(3), [0, 3]],
  ['null', (out) => out.null(), [255, 255, 255, 255]],
  ['int4(42)', (out) => out.int4(42), [0, 0, 0, 4, 0, 0, 0, 42]],
  ['int4(-1)', (out) => out.int4(-1), [0, 0, 0, 4, 255, 255, 255, 255]],
  ['float8(1.5)', (out) => out.float8(1.5), [0, 0, 0, 8, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]],
  ['float8OrNull(NaN)', (out) => out.float8OrNull(Number.NaN), [255, 255, 255, 255]],
  ['bool(true)', (out) => out.bool(true), [0, 0, 0, 1, 1]],
  ['text(é)', (out) => out.text('é'), [0, 0, 0, 2, 0xc3, 0xa9]],
  ['text("")', (out) => out.text(''), [0, 0, 0, 0]],
  ['encoded(ab)', (out) => out.encoded(encodeText('ab')), [0, 0, 0, 2, 0x61, 0x62]],
  ['jsonb({})', (out) => out.jsonb('{}'), [0, 0, 0, 3, 1, 0x7b, 0x7d]],
  ['timestamp(2000-01-01 00:00:00.001)', (out) => out.timestamp(Date.UTC(2000, 0, 1, 0, 0, 0, 1)), [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0x03, 0xe8]],
  ['timestamp(1999-12-31 23:59:59.999)', (out) => out.timestamp(Date.UTC(1999, 11, 31, 23, 59, 59, 999)), [0, 0, 0, 8, 255, 255, 255, 255, 255, 255, 0xfc, 0x18]],
])('%s writes its bytes', (_name, write, expected) => {
  expect(bytes(write)).toEqual(expected);
});

test.each<[string, (out: BinaryCopyWriter) => void]>([
  ['a fraction in an int4', (out) => out.int4(1.5)],
  ['NaN in an int4', (out) => out.int4(Number.NaN)],
  ['2^31 in an int4', (out) => out.int4(2 ** 31)],
  ['a date that is not finite', (out) => out.timestamp(Number.NaN)],
])('%s is refused', (_name, write) => {
  expect(() => write(new BinaryCopyWriter())).toThrow(RangeError);
});

test('the buffer grows past its first size and take() starts again', () => {
  const out = new BinaryCopyWriter(4);
  for (let i = 0; i < 1000; i++) out.int4(i);
  expect(out.size).toBe(8000);
  const first = out.take();
  expect(first.length).toBe(8000);
  expect(new DataView(first.buffer).getInt32(999 * 8 + 4)).toBe(999);
  out.int4(7);
  expect([...out.take()]).toEqual([0, 0, 0, 4, 0, 0, 0, 7]);
});

for (const backend of DRIVER_TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`binary COPY on ${backend.name}`, () => {
    let db: Database;

    beforeAll(async () => {
      db = await backend.open({ migrate: false });
      await db.sql.exec(`CREATE TABLE binary_probe (i int4, d float8, t text, b boolean, j jsonb, ts timestamp(3))`);
    });

    afterAll(async () => {
      await db?.close();
    });

    test('every type reads back as written, in two chunks of one COPY and in a transaction', async () => {
      const out = new BinaryCopyWriter(16);
      const row = (i: number | null, d: number, t: string, b: boolean, j: string, ts: number) => {
        out.row(6);
        if (i === null) out.null();
        else out.int4(i);
        out.float8OrNull(d);
        out.text(t);
        out.bool(b);
        out.jsonb(j);
        out.timestamp(ts);
      };
      row(7, 0.1, 'a,"b"\n\\N', true, '{"k": 1, "é": [0.25]}', Date.UTC(1969, 6, 20, 20, 17, 40, 123));
      const first = out.take();
      row(-2_147_483_648, Number.NaN, '', false, '[]', Date.UTC(2010, 11, 1, 8, 26, 0, 5));
      row(null, -0, 'ü€😀', true, 'null', Date.UTC(2000, 0, 1));
      const second = out.take();
      expect(await db.sql.transaction((tx) => tx.copyBinary('binary_probe', ['i', 'd', 't', 'b', 'j', 'ts'], [first, second]))).toBe(3);
      const { rows } = await db.sql.query(`SELECT i::text AS i, d::text AS d, t, b::text AS b, j::text AS j, ts::text AS ts FROM binary_probe ORDER BY ts`);
      expect(rows).toEqual([
        { i: '7', d: '0.1', t: 'a,"b"\n\\N', b: 'true', j: '{"k": 1, "é": [0.25]}', ts: '1969-07-20 20:17:40.123' },
        { i: null, d: '-0', t: 'ü€😀', b: 'true', j: 'null', ts: '2000-01-01 00:00:00' },
        { i: '-2147483648', d: null, t: '', b: 'false', j: '[]', ts: '2010-12-01 08:26:00.005' },
      ]);
    });

    test('a value of the wrong width fails the COPY and writes nothing', async () => {
      const out = new BinaryCopyWriter();
      out.row(1);
      out.float8(1);
      await expect(db.sql.copyBinary('binary_probe', ['i'], [out.take()])).rejects.toThrow();
      const { rows } = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM binary_probe WHERE i IS NOT NULL AND i NOT IN (7, -2147483648)`);
      expect(rows[0].n).toBe(0);
    });
  });
}
