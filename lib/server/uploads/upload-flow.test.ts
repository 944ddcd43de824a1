import { existsSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { uploadSettingsSchema } from '../../schemas/upload-request-schema';
import type { Database } from '../db/database';
import { PGLITE_BACKEND } from '../db/testing/test-databases';
import { confirmUpload, ConfirmUploadError, DuplicateUploadError } from './confirm-upload';
import { previewUpload, webWording } from './preview-upload';
import { getStagedFile, settingsKey, stageUpload, sweepStagingArea, UploadInterruptedError, UploadTooLargeError } from './staging-area';
import { bundleTestAnalysisWorker, bundleTestPreviewWorker } from '../runs/testing/test-analysis-worker';

const root = mkdtempSync(join(tmpdir(), 'segmenta-uploads-'));
const staging = join(root, 'staging');
let analysisWorker = '';
let previewWorker = '';

beforeAll(async () => {
  analysisWorker = await bundleTestAnalysisWorker();
  previewWorker = await bundleTestPreviewWorker();
}, 120_000);

const body = (text: string | Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(typeof text === 'string' ? new TextEncoder().encode(text) : text);
      controller.close();
    },
  });

const settings = (input: Parameters<typeof uploadSettingsSchema.parse>[0] = {}) => uploadSettingsSchema.parse(input);

// Day-first dates and decimal commas; 13047's return of one hand warmer is matched to its purchase.
const EUROPEAN = [
  'InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country',
  '536365;85123A;WHITE HANGING HEART;6;01/03/2024 08:26;2,55;17850;United Kingdom',
  '536366;22633;HAND WARMER;2;13/03/2024 14:22;1.249,00;13047;France',
  'C536367;22633;HAND WARMER;-1;15/03/2024 10:00;1.249,00;13047;France',
  '536368;21730;GLASS STAR LANTERN;4;02/04/2024 12:00;4,25;;United Kingdom',
].join('\n');

test.each([
  [
    'Could not find the date. The file\'s columns are: "a". Choose them in the mapping step (or on the command line, for example --map customerId="Client Number").',
    'Could not find the date. The file\'s columns are: "a". Choose them in the mapping step.',
  ],
  ['Choose Day/Month/Year or Month/Day/Year in the preview, or run again with --day-first or --month-first.', 'Choose Day/Month/Year or Month/Day/Year in the preview.'],
  ['choose "," as the decimal separator or run with --decimal-comma; otherwise map the value.', 'choose "," as the decimal separator; otherwise map the value.'],
  ['The dates look day-first; choose Day/Month/Year or run with --day-first.', 'The dates look day-first; choose Day/Month/Year.'],
  ["such as Europe/London (the preview's Time zone; --time-zone on the command line), or", "such as Europe/London (the preview's Time zone), or"],
])('webWording(%j)', (message, expected) => {
  expect(webWording(message)).toBe(expected);
});

test('settingsKey ignores the order of keys at every level', () => {
  expect(settingsKey({ value: 'net', columns: { invoice: 'A', customerId: 'B' } })).toBe(settingsKey({ columns: { customerId: 'B', invoice: 'A' }, value: 'net' }));
  expect(settingsKey({ value: 'net' })).not.toBe(settingsKey({ value: 'gross' }));
});

test('an upload above the limit is refused while it streams and leaves nothing behind', async () => {
  const dir = join(root, 'limited');
  await expect(stageUpload(dir, body('x'.repeat(2048)), 'big.csv', 1024)).rejects.toBeInstanceOf(UploadTooLargeError);
  expect(readdirSync(dir)).toEqual([]);
});

test('an interrupted upload (the browser left, the connection broke, fewer bytes than announced) leaves nothing behind', async () => {
  const dir = join(root, 'interrupted');
  const left = new AbortController();
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new Uint8Array(64 * 1024));
      return new Promise((resolve) => setTimeout(resolve, 5));
    },
  });
  setTimeout(() => left.abort(), 50);
  await expect(stageUpload(dir, endless, 'a.csv', 1 << 30, { signal: left.signal })).rejects.toBeInstanceOf(UploadInterruptedError);
  const broken = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('a,b\n'));
      controller.error(new Error('aborted'));
    },
  });
  await expect(stageUpload(dir, broken, 'b.csv', 1 << 20)).rejects.toThrow('aborted');
  await expect(stageUpload(dir, body('a,b\n1,2\n'), 'c.csv', 1 << 20, { expectedBytes: 100 })).rejects.toBeInstanceOf(UploadInterruptedError);
  expect(readdirSync(dir)).toEqual([]);
  // The whole file, as announced, is kept.
  const whole = await stageUpload(dir, body('a,b\n1,2\n'), 'd.csv', 1 << 20, { expectedBytes: 8 });
  expect(readdirSync(dir)).toEqual([whole.id]);
});

test('staged files older than an hour are swept, newer ones stay', async () => {
  const dir = join(root, 'sweep');
  const old = await stageUpload(dir, body('a,b\n'), 'old.csv', 1024);
  const fresh = await stageUpload(dir, body('a,b\n'), 'fresh.csv', 1024);
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  utimesSync(join(dir, old.id), twoHoursAgo, twoHoursAgo);
  expect(await sweepStagingArea(dir)).toBe(1);
  expect(await getStagedFile(dir, old.id)).toBeNull();
  expect(await getStagedFile(dir, fresh.id)).not.toBeNull();
});

test('the preview reads day-first dates and decimal commas, and lists the first lines as parsed values', async () => {
  const staged = await stageUpload(staging, body(EUROPEAN), 'european.csv', 1 << 20);
  const preview = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
  if (preview.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(preview)}`);
  expect(preview.reading).toMatchObject({ delimiter: ';', decimalSeparator: ',', dateOrder: 'day-first' });
  expect(preview.lines[1]).toMatchObject({ order: '536366', customer: '13047', date: '2024-03-13 14:22:00', quantity: 2, unitPrice: 1249, amount: 2498, kind: 'purchase', dropped: null });
  expect(preview.lines[2]).toMatchObject({ kind: 'return' });
  expect(preview.customers).toBe(2);
  expect(preview.grossRevenue).toBeCloseTo(6 * 2.55 + 2 * 1249, 6);
  expect(preview.refunds).toBeCloseTo(1249, 6);
  expect(preview.netRevenue).toBeCloseTo(6 * 2.55 + 1249, 6);
  expect((await getStagedFile(staging, staged.id))?.previewed).toBe(settingsKey(settings()));
});

test('times in UTC ask for the store\'s time zone; with one given the preview is ready', async () => {
  const text = 'id,Created date (UTC),Amount,Customer ID\np1,2024-06-30 10:00:00,10.00,cus_A\np2,2024-06-30 23:30:00,20.00,cus_A\n';
  const staged = await stageUpload(staging, body(text), 'stripe.csv', 1 << 20);
  const asked = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
  expect(asked).toMatchObject({ status: 'ask-time-zone', column: 'Created date (UTC)', examples: ['2024-06-30 10:00:00', '2024-06-30 23:30:00'] });
  // Worded for the page: its own question answers it, no command-line flag.
  if (asked.status !== 'ask-time-zone') throw new Error('no question');
  expect(asked.message).toMatch(/Choose the store's time zone below .*under Another zone\), or count days in UTC\.$/);
  expect(asked.message).not.toMatch(/--|command line/);
  const ready = await previewUpload(staging, staged.id, settings({ timeZone: 'Australia/Melbourne' }), { workerPath: previewWorker });
  if (ready.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(ready)}`);
  expect(ready.reading.timeZone).toBe('Australia/Melbourne');
  expect(ready.purchaseOccasions).toBe(2);
});

test('dates that can be read either way ask for the order, with examples', async () => {
  const staged = await stageUpload(staging, body('customer_id,order_date,order_value\n1,01-02-2024,10\n2,03-04-2024,12.5\n'), 'ambiguous.csv', 1 << 20);
  const preview = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
  expect(preview).toMatchObject({ status: 'ask-date-order', column: 'order_date', examples: ['01-02-2024', '03-04-2024'] });
  if (preview.status !== 'ask-date-order') throw new Error('no question');
  expect(preview.message).toMatch(/Choose Day\/Month\/Year or Month\/Day\/Year below\.$/);
  expect(preview.message).not.toMatch(/--|command line/);
  const answered = await previewUpload(staging, staged.id, settings({ dateOrder: 'day-first' }), { workerPath: previewWorker });
  expect(answered).toMatchObject({ status: 'ready', firstDate: '2024-02-01', lastDate: '2024-04-03' });
});

test.each([
  ['a PNG named .csv', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]), 'UNSUPPORTED_FILE'],
  ['a header without lines', 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n', 'HEADER_ONLY'],
])('%s is refused in words and removed from the staging area', async (_name, bytes, code) => {
  const staged = await stageUpload(staging, body(bytes), 'file.csv', 1 << 20);
  const preview = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
  expect(preview).toMatchObject({ status: 'refused', code });
  if (preview.status === 'refused') expect(preview.message).toMatch(/^[A-Z].*\.$/);
  expect(await getStagedFile(staging, staged.id)).toBeNull();
});

test('a gzip bomb (50 MB of one line) is refused by the preview once 20 times its size is decompressed, and removed from the staging area', async () => {
  const line = 'C1,2024-01-01,9.99\n';
  const bomb = gzipSync(`customer_id,order_date,order_value\n${line.repeat(Math.ceil((50 << 20) / line.length))}`, { level: 9 });
  const staged = await stageUpload(staging, body(new Uint8Array(bomb)), 'bomb.csv.gz', 1 << 20);
  const preview = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
  expect(preview).toMatchObject({ status: 'refused', code: 'UNSUPPORTED_FILE' });
  if (preview.status === 'refused') expect(preview.message).toMatch(/^The gzip file expands to more than 20 times its compressed size, the most that is decompressed; nothing was stored\./);
  expect(await getStagedFile(staging, staged.id)).toBeNull();
}, 60_000);

test('a 50 MB CSV of one line and 26,000,000 fields is refused in words, in an answer of a few hundred bytes, and removed', async () => {
  const data = new Uint8Array(51_999_999);
  data.fill(0x61);
  for (let i = 1; i < data.length; i += 2) data[i] = 0x2c;
  const staged = await stageUpload(staging, body(data), 'one.csv', 1 << 27);
  const preview = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
  expect(preview).toEqual({
    status: 'refused',
    code: 'TOO_MANY_COLUMNS',
    message:
      'The first line has 26,000,000 fields ("a", "a", "a", ... and 25,999,997 more); a header has at most 1,000 columns, ' +
      'so this is not a table of transactions. Check that the file is a CSV export of orders or transactions.',
    details: { line: 1, fields: 26_000_000, maxFields: 1000 },
  });
  expect(JSON.stringify(preview).length).toBeLessThan(400);
  expect(await getStagedFile(staging, staged.id)).toBeNull();
}, 120_000);

test('a file whose columns are not recognised is refused but kept, so a mapping can read it', async () => {
  const staged = await stageUpload(staging, body('Ref,Moment,Buyer,Cost\n1,2024-01-02,ann,10\n2,2024-02-03,bob,12\n'), 'odd.csv', 1 << 20);
  const preview = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
  expect(preview).toMatchObject({ status: 'refused', code: 'MISSING_COLUMNS', details: { header: ['Ref', 'Moment', 'Buyer', 'Cost'] } });
  const mapped = await previewUpload(staging, staged.id, settings({ columns: { customerId: 'Buyer', amount: 'Cost', invoiceDate: 'Moment' } }), { workerPath: previewWorker });
  expect(mapped).toMatchObject({ status: 'ready', customers: 2, netRevenue: 22 });
});

describe.skipIf(!PGLITE_BACKEND.available)('confirming a preview', () => {
  let db: Database;
  beforeAll(async () => {
    db = await PGLITE_BACKEND.open();
  }, 120_000);
  afterAll(() => db?.close());

  test('only the previewed settings are stored; the dataset keeps its currency and value basis', async () => {
    const staged = await stageUpload(staging, body(EUROPEAN), 'european.csv', 1 << 20);
    const runService = { workDir: root, workerPath: analysisWorker };
    await expect(confirmUpload(db, runService, staging, { stagingId: staged.id, settings: settings() })).rejects.toMatchObject({ status: 409 });
    expect(await previewUpload(staging, staged.id, settings({ currency: 'eur' }), { workerPath: previewWorker })).toMatchObject({ status: 'ready' });
    await expect(confirmUpload(db, runService, staging, { stagingId: staged.id, settings: settings() })).rejects.toBeInstanceOf(ConfirmUploadError);

    const run = await confirmUpload(db, runService, staging, { stagingId: staged.id, name: 'European', settings: settings({ currency: 'eur' }) });
    expect(await run.finished).toEqual({ status: 'succeeded', error: null });
    expect(existsSync(join(staging, staged.id))).toBe(false);
    const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: run.datasetId } });
    expect(dataset).toMatchObject({ name: 'European', sourceFileName: 'european.csv', currency: 'EUR', valueBasis: 'net', customerCount: 2 });
    expect(dataset.options).toMatchObject({ currency: 'EUR', value: 'net' });
    const revenue = await db.prisma.customerResult.aggregate({ where: { runId: run.runId }, _sum: { monetary: true, grossSpend: true, refunds: true } });
    expect(revenue._sum.monetary).toBeCloseTo(6 * 2.55 + 1249, 6);
    expect(revenue._sum.grossSpend).toBeCloseTo(6 * 2.55 + 2498, 6);
    expect(revenue._sum.refunds).toBeCloseTo(1249, 6);
    await expect(confirmUpload(db, runService, staging, { stagingId: staged.id, settings: settings({ currency: 'eur' }) })).rejects.toMatchObject({ status: 404 });

    // The same bytes again: refused with the dataset they already are, unless a second copy is asked for.
    const again = await stageUpload(staging, body(EUROPEAN), 'european-again.csv', 1 << 20);
    expect(await previewUpload(staging, again.id, settings({ currency: 'eur' }), { workerPath: previewWorker })).toMatchObject({ status: 'ready' });
    const refusal = await confirmUpload(db, runService, staging, { stagingId: again.id, settings: settings({ currency: 'eur' }) }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DuplicateUploadError);
    expect((refusal as DuplicateUploadError).existing).toMatchObject({ datasetId: run.datasetId, name: 'European', latestRunId: run.runId });
    expect(existsSync(join(staging, again.id))).toBe(true);
    const copy = await confirmUpload(db, runService, staging, { stagingId: again.id, secondCopy: true, settings: settings({ currency: 'eur' }) });
    expect(await copy.finished).toEqual({ status: 'succeeded', error: null });
    expect(copy.datasetId).not.toBe(run.datasetId);
  }, 120_000);

  test('a file in "$" left unanswered stores no currency: "$" names several, so neither the dataset nor its run claims one', async () => {
    const lines = ['Date,Time,Item,Qty,Net Sales,Event Type,Customer ID'];
    for (let i = 0; i < 40; i++) lines.push(`2025-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')},10:00:00,Latte,1,$${(4 + (i % 7) * 0.5).toFixed(2)},Payment,C${i % 9}`);
    const staged = await stageUpload(staging, body(lines.join('\n') + '\n'), 'square.csv', 1 << 20);
    const preview = await previewUpload(staging, staged.id, settings(), { workerPath: previewWorker });
    // The preview reads the symbol (and asks which currency it is) ...
    expect(preview).toMatchObject({ status: 'ready', reading: { currency: '$' } });
    const run = await confirmUpload(db, { workDir: root, workerPath: analysisWorker }, staging, { stagingId: staged.id, settings: settings() });
    expect(await run.finished).toEqual({ status: 'succeeded', error: null });
    // ... but what is stored is no currency, so amounts show plain and the Data page says "not set".
    expect((await db.prisma.dataset.findUniqueOrThrow({ where: { id: run.datasetId } })).currency).toBeNull();
    const metrics = (await db.prisma.run.findUniqueOrThrow({ where: { id: run.runId } })).metrics as { currency: unknown; revenue: number };
    expect(metrics.currency).toBeNull();
    expect(metrics.revenue).toBeCloseTo(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[4].slice(1)), 0), 6);
  }, 120_000);
});
