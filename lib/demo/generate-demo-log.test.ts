import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { DAY_MS } from '../engines/calendar';
import { cleanTransactions } from '../engines/clean';
import type { CleanResult } from '../engines/clean';
import { readTransactions, type TransactionTable } from '../engines/ingest';
import { DEMO_CATALOGUE } from './demo-catalogue';
import { demoLogBytes } from './demo-log-bytes';
import type { DemoLogInput } from './demo-log-options';
import { DEMO_LOG_HEADER, generateDemoLog } from './generate-demo-log';

const SMALL: DemoLogInput = { customers: 300, months: 6, endDate: '2024-06-30' };
const LINE = /^[CA]?\d{6},[^,]+,("([^"]|"")*"|[^,"]*),-?\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00,-?\d+\.\d{1,2},(\d{5}\.0)?,[A-Za-z ]+$/;

const digest = (input: DemoLogInput) => {
  const hash = createHash('sha256');
  for (const chunk of generateDemoLog(input)) hash.update(chunk);
  return hash.digest('hex');
};

describe('determinism', () => {
  test.each<[string, DemoLogInput]>([
    ['a small demo', { ...SMALL, seed: 11 }],
    ['the default demo', {}],
  ])('the same seed gives byte-identical output: %s', (_, input) => {
    expect(digest(input)).toBe(digest(input));
  });

  test.each<[string, DemoLogInput]>([
    ['another seed', { seed: 12 }],
    ['more customers', { customers: 301 }],
    ['another end date', { endDate: '2024-07-31' }],
  ])('%s gives different output', (_, change) => {
    expect(digest({ ...SMALL, seed: 11, ...change })).not.toBe(digest({ ...SMALL, seed: 11 }));
  });

  test('bad options are refused when the generator is made, not when it is read', () => {
    expect(() => generateDemoLog({ customers: -1 })).toThrow('whole number of customers');
  });
});

describe('format', () => {
  const text = [...generateDemoLog({ ...SMALL, seed: 3 })].join('');
  const lines = text.split('\n');

  test('header first, one LF-terminated line per row, every line in the UCI shape', () => {
    expect(lines[0]).toBe(DEMO_LOG_HEADER);
    expect(lines[lines.length - 1]).toBe('');
    const bad = lines.slice(1, -1).filter((line) => !LINE.test(line));
    expect(bad).toEqual([]);
  });

  test('lines are in chronological order and inside the period', () => {
    const dates = lines.slice(1, -1).map((line) => /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:00/.exec(line)![0]);
    const sorted = [...dates].sort();
    expect(dates).toEqual(sorted);
    expect(dates[0] >= '2024-01-01').toBe(true);
    expect(dates[dates.length - 1] < '2024-07-01').toBe(true);
  });

  test('chunks are bounded so a large demo is never one string', () => {
    const chunks = [...generateDemoLog({ seed: 3, customers: 2000 })];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(200_000);
  });

  test.each([
    [{ customers: 1, months: 1 }],
    [{ customers: 5, months: 1, endDate: '2024-12-31' }],
    [{ customers: 20, months: 24, realism: { adjustments: 0, stockNotes: 0, missingCustomerShare: 0 } }],
  ])('edge sizes still give a readable log: %j', async (input) => {
    const { table, report } = await readTransactions(demoLogBytes(input));
    expect(report.header.join(',')).toBe(DEMO_LOG_HEADER);
    expect(table.length).toBeGreaterThan(0);
    for (let i = 0; i < table.length; i++) expect(Number.isFinite(table.date[i])).toBe(true);
  });
});

describe('the default demo reads, cleans and has realistic proportions', () => {
  let table: TransactionTable;
  let cleaned: CleanResult;
  beforeAll(async () => {
    table = (await readTransactions(demoLogBytes())).table;
    cleaned = cleanTransactions(table);
  });

  const share = (count: number) => count / table.length;

  test('every line parses; descriptions with commas and quotes come back intact', () => {
    const r = cleaned.report;
    expect(r.dropped.badDate + r.dropped.badNumber).toBe(0);
    const catalogue = new Set(DEMO_CATALOGUE.map((p) => p.description));
    const quoted = table.descriptions.filter((d) => d.includes(',') || d.includes('"'));
    expect(quoted.length).toBeGreaterThan(5);
    for (const d of quoted) expect(catalogue.has(d)).toBe(true);
  });

  test('4,000 customers over 13 calendar months, ending on the fixed end date', () => {
    const r = cleaned.report;
    expect(r.customersAfter).toBe(4000);
    const months = new Set<string>();
    for (const i of cleaned.kept) months.add(new Date(table.date[i]).toISOString().slice(0, 7));
    expect(months.size).toBeGreaterThanOrEqual(12);
    expect(r.firstDate!.slice(0, 10) >= '2023-12-01').toBe(true);
    expect(r.lastDate!.slice(0, 10) <= '2024-12-31').toBe(true);
    expect(r.lastDate!.slice(0, 7)).toBe('2024-12');
  });

  test('15+ countries, 85-90 % of customers in the home market', () => {
    const countries = cleaned.report.countries;
    expect(countries.length).toBeGreaterThanOrEqual(15);
    const home = countries.find((c) => c.country === 'United Kingdom')!;
    const homeShare = home.customers / cleaned.report.customersAfter;
    expect(homeShare).toBeGreaterThan(0.85);
    expect(homeShare).toBeLessThan(0.9);
    expect(countries.some((c) => c.country === 'Unknown')).toBe(true);
    expect(cleaned.report.countriesNormalised).toBeGreaterThan(0);
  });

  test('15-20 % of lines lack a customer id; about 2 % are cancellations', () => {
    expect(share(cleaned.report.dropped.missingCustomer)).toBeGreaterThan(0.15);
    expect(share(cleaned.report.dropped.missingCustomer)).toBeLessThan(0.2);
    let cancellations = 0;
    for (let i = 0; i < table.length; i++) if (table.invoices[table.invoice[i]].startsWith('C')) cancellations++;
    expect(share(cancellations)).toBeGreaterThan(0.015);
    expect(share(cancellations)).toBeLessThan(0.03);
    expect(cleaned.report.dropped.cancellation).toBe(cancellations);
  });

  test('the oddities are all there, each rare', () => {
    const r = cleaned.report;
    expect(r.duplicateLines).toBeGreaterThan(0);
    expect(share(r.duplicateLines)).toBeLessThan(0.005);
    expect(r.dropped.negativeQuantity).toBeGreaterThan(0);
    expect(share(r.dropped.negativeQuantity)).toBeLessThan(0.002);
    expect(r.dropped.nonPositivePrice).toBeGreaterThan(0);
    expect(share(r.dropped.nonPositivePrice)).toBeLessThan(0.002);
    expect(r.dropped.adjustment).toBeGreaterThanOrEqual(1);
    expect(table.invoices.filter((i) => i.startsWith('A')).length).toBeGreaterThanOrEqual(2);
  });

  test('cancellations take back what the customer bought earlier', () => {
    const bought = new Set<string>();
    let cancelled = 0;
    let unmatched = 0;
    for (let i = 0; i < table.length; i++) {
      const key = `${table.customer[i]}|${table.stockCode[i]}`;
      if (table.invoices[table.invoice[i]].startsWith('C')) {
        cancelled++;
        if (!bought.has(key) || table.quantity[i] >= 0 || table.customer[i] < 0) unmatched++;
      } else if (table.customer[i] >= 0 && table.quantity[i] > 0) {
        bought.add(key);
      }
    }
    expect(cancelled).toBeGreaterThan(0);
    expect(unmatched).toBe(0);
  });

  test('30-40 % one-time buyers, and the top 1 % of customers bring a large share of revenue', () => {
    const invoices = new Map<number, Set<number>>();
    const spend = new Map<number, number>();
    for (const i of cleaned.kept) {
      const c = table.customer[i];
      if (!invoices.has(c)) invoices.set(c, new Set());
      invoices.get(c)!.add(table.invoice[i]);
      spend.set(c, (spend.get(c) ?? 0) + table.quantity[i] * table.unitPrice[i]);
    }
    let oneTime = 0;
    for (const set of invoices.values()) if (set.size === 1) oneTime++;
    expect(oneTime / invoices.size).toBeGreaterThan(0.3);
    expect(oneTime / invoices.size).toBeLessThan(0.4);
    const sorted = [...spend.values()].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const top = sorted.slice(0, Math.ceil(sorted.length / 100)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.18);
    expect(sorted[0] / sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(100);
  });

  test('orders peak in Q4: November has at least 1.5 times the invoices of an average spring or summer month', () => {
    const perMonth = new Map<string, Set<number>>();
    for (const i of cleaned.kept) {
      const month = new Date(table.date[i]).toISOString().slice(0, 7);
      if (!perMonth.has(month)) perMonth.set(month, new Set());
      perMonth.get(month)!.add(table.invoice[i]);
    }
    const count = (month: string) => perMonth.get(month)?.size ?? 0;
    const midYear = ['2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08'].map(count);
    expect(count('2024-11')).toBeGreaterThan(1.5 * (midYear.reduce((a, b) => a + b, 0) / midYear.length));
  });

  test('no orders on Saturdays or on Christmas Day', () => {
    const christmas = Date.UTC(2024, 11, 25) / DAY_MS;
    let closed = 0;
    for (let i = 0; i < table.length; i++) {
      const day = Math.floor(table.date[i] / DAY_MS);
      // 1970-01-01 was a Thursday, so day numbers 2 (mod 7) are Saturdays.
      if (day % 7 === 2 || day === christmas) closed++;
    }
    expect(closed).toBe(0);
  });
});
