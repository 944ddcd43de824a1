import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, expect, test } from 'vitest';
import { generateDemoLog } from './generate-demo-log';
import { writeDemoLog } from './write-demo-log';

const folder = mkdtempSync(join(tmpdir(), 'segmenta-demo-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const input = { seed: 9, customers: 150, months: 3 };
const expected = [...generateDemoLog(input)].join('');

test.each([['demo.csv'], ['demo.csv.gz']])('writes %s with the generated text and reports its size', async (name) => {
  const path = join(folder, name);
  const size = await writeDemoLog(path, input);
  const raw = readFileSync(path);
  const text = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  expect(text).toBe(expected);
  expect(size.bytes).toBe(Buffer.byteLength(expected));
  expect(size.lines).toBe(expected.split('\n').length - 2);
});
