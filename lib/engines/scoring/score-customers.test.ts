import { describe, expect, test } from 'vitest';
import { runModelsSchema } from '../../schemas/run-models-schema';
import { scoreCustomers } from './score-customers';
import { writeScoredRows } from './write-scored-rows';
import type { RunModels } from './types';

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

// A: one order of 1,000 on 1 Jan; B: 10 on 5 Jan and 10 on 10 Jan; C: 5 on 10 Jan. Snapshot 11 Jan.
const LOG = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '1,A1,LAMP,1,2024-01-01 10:00,1000,A,France',
  '2,B1,MUG,1,2024-01-05 10:00,10,B,France',
  '3,B1,MUG,1,2024-01-10 10:00,10,B,France',
  '4,C1,CARD,1,2024-01-10 11:00,5,C,France',
].join('\n');

const MODELS: RunModels = {
  version: 1,
  cleaning: { value: 'net', dropDuplicates: false },
  snapshot: { rule: 'day-after-last-purchase', date: '2023-06-01' },
  homeCountry: 'France',
  rfm: {
    scoring: 'quantile-breaks',
    scores: {
      recency: { kind: 'breaks', breaks: [5, 10, 20, 40] },
      frequency: { kind: 'breaks', breaks: [1, 2, 3, 4] },
      monetary: { kind: 'breaks', breaks: [10, 50, 100, 500] },
    },
    rules: [
      { name: 'Top', recency: [4, 5], frequency: [1, 5], monetary: [5, 5] },
      { name: 'Recent', recency: [5, 5], frequency: [2, 5], monetary: [1, 5] },
    ],
  },
  churn: { pAliveThresholds: { atRiskBelow: 0.7, churnedBelow: 0.3 } },
  clustering: {
    features: ['monetary'],
    log: false,
    means: [0],
    stds: [1],
    methods: [
      { method: 'kmeans', k: 2, names: ['big', 'small'], centroids: [[900], [10]] },
      { method: 'gmm', k: 2, names: ['low', 'high'], weights: [0.5, 0.5], means: [[0], [1000]], covariances: [[[100]], [[100]]] },
      { method: 'hierarchical', k: 2, names: ['upper', 'lower'], rule: 'nearest-centroid', centroids: [[15], [3]] },
    ],
  },
  lifetimeValue: {
    purchase: { model: 'bgnbd', params: { r: 1, alpha: 1, a: 1, b: 1 } },
    unit: 'weeks',
    spend: null,
    horizonMonths: 6,
    discountRate: 0.01,
    monthLengthDays: 30,
    pAliveShown: true,
    caveat: null,
  },
};

describe('scoring three customers with hand-made models', () => {
  test('RFM scores come from the stored breaks, not from the new file’s own quintiles; segments from the stored rules', async () => {
    const s = await scoreCustomers(bytesOf(LOG), MODELS);
    expect(s.features.ids).toEqual(['A', 'B', 'C']);
    expect(new Date(s.snapshot).toISOString().slice(0, 10)).toBe('2024-01-11');
    expect(Array.from(s.features.recency)).toEqual([10, 1, 1]);
    // Recency 10 is on the break 10, so bin 2 (score 4); B's 20 is above 10 only: M 2, where the file's own quintiles would give it 3.
    expect(Array.from(s.rfm.codes)).toEqual([415, 522, 511]);
    expect(s.rfm.segmentNames).toEqual(['Top', 'Recent', 'Others']);
    expect(Array.from(s.rfm.segment)).toEqual([0, 1, 2]);
  });

  test('clusters: nearest k-means centroid, most probable mixture component, nearest Ward centroid', async () => {
    const s = await scoreCustomers(bytesOf(LOG), MODELS);
    expect(Object.fromEntries(s.clusters.map((c) => [c.method, Array.from(c.labels)]))).toEqual({ kmeans: [0, 1, 1], gmm: [1, 0, 0], hierarchical: [0, 0, 1] });
  });

  test('P(alive) from the stored BG/NBD parameters, empty for one-time buyers; churn status from the stored thresholds', async () => {
    const s = await scoreCustomers(bytesOf(LOG), MODELS, { snapshot: Date.UTC(2024, 0, 21) });
    // B as of 21 Jan, in weeks, each purchase day counted at its end: x = 1, t_x = 5 days (5 to 10 Jan),
    // T = 15 days (5 to 20 Jan); P(alive) = 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)) = 0.2293.
    const expected = 1 / (1 + (1 / 1) * ((1 + 15 / 7) / (1 + 5 / 7)) ** 2);
    expect(s.pAlive[1]).toBeCloseTo(expected, 12);
    expect(Number.isNaN(s.pAlive[0]) && Number.isNaN(s.pAlive[2])).toBe(true);
    expect(Array.from(s.churn.basis)).toEqual([1, 0, 1]);
    expect(s.churn.labels[s.churn.status[1]]).toBe('Churned');
    // No spend model: CLV is expected purchases x the customer's mean order value, discounted, so below 6 months of it undiscounted.
    expect(s.clv[1]).toBeGreaterThan(0);
    expect(s.clv[1]).toBeLessThan(s.expectedPurchases[1] * 10);
  });

  test('without an identified dropout no P(alive) is shown and churn follows the days-silent rule', async () => {
    const s = await scoreCustomers(bytesOf(LOG), { ...MODELS, lifetimeValue: { ...MODELS.lifetimeValue!, pAliveShown: false } });
    expect(Array.from(s.pAlive).every(Number.isNaN)).toBe(true);
    expect(Array.from(s.churn.basis)).toEqual([1, 1, 1]);
    expect(Array.from(s.clv).every(Number.isFinite)).toBe(true);
  });

  test('a fixed-date run scores a file that ends before the date at that date, and a later file at its own end', async () => {
    const fixed: RunModels = { ...MODELS, snapshot: { rule: 'fixed', date: '2024-02-01' } };
    expect(new Date((await scoreCustomers(bytesOf(LOG), fixed)).snapshot).toISOString().slice(0, 10)).toBe('2024-02-01');
    const early: RunModels = { ...MODELS, snapshot: { rule: 'fixed', date: '2024-01-05' } };
    expect(new Date((await scoreCustomers(bytesOf(LOG), early)).snapshot).toISOString().slice(0, 10)).toBe('2024-01-11');
    expect(new Date((await scoreCustomers(bytesOf(LOG), MODELS, { snapshot: Date.UTC(2024, 2, 1) })).snapshot).toISOString().slice(0, 10)).toBe('2024-03-01');
  });

  test('the scored CSV has one row per customer with the scores, segment, clusters, P(alive) and CLV', async () => {
    const s = await scoreCustomers(bytesOf(LOG), MODELS, { runCurrency: 'EUR' });
    const [header, a, b] = [...writeScoredRows(s)].join('').trim().split('\r\n');
    expect(header).toBe(
      'customer_id,first_purchase_date,last_purchase_date,recency_days,frequency,monetary,currency,r_score,f_score,m_score,rfm_code,segment,churn_status,churn_basis,combined_segment,' +
        'cluster_kmeans,cluster_kmeans_name,cluster_gmm,cluster_gmm_name,cluster_hierarchical,cluster_hierarchical_name,p_alive,expected_purchases_6m,clv_6m',
    );
    expect(a.split(',').slice(0, 12)).toEqual(['A', '2024-01-01', '2024-01-01', '10', '1', '1000', 'EUR', '4', '1', '5', '415', 'Top']);
    expect(a.split(',')[21]).toBe('');
    expect(b.split(',').slice(15, 22)).toEqual(['1', 'small', '0', 'low', '0', 'upper', String(Number(s.pAlive[1].toFixed(4)))]);
  });

  test.each([
    ['a Currency column', LOG.replace('Country', 'Country,Currency').replace(/France$/gm, 'France,USD'), {}, 'GBP', 'USD', 'the file\'s "Currency" column'],
    ['the currency the user gives', LOG, { currency: 'usd' }, 'GBP', 'USD', 'the currency you gave'],
    ['pound signs in the amounts', LOG.replace(/,(1000|10|5),/g, ',£$1,'), {}, 'EUR', 'GBP', 'the symbols in the amounts (£)'],
  ])('a file in another currency than the run’s is refused in words: %s', async (_, log, reading, runCurrency, fileCurrency, source) => {
    const scoring = scoreCustomers(bytesOf(log), MODELS, { reading, runCurrency });
    await expect(scoring).rejects.toMatchObject({ code: 'CURRENCY_MISMATCH' });
    await expect(scoring).rejects.toThrow(
      `The file's money is in ${fileCurrency} (${source}), but the run counts money in ${runCurrency}, so its segments and lifetime values would be wrong for these amounts. Score a file in ${runCurrency}, or score it against a run of a ${fileCurrency} dataset.`,
    );
  });

  test.each([
    ['the same code in a Currency column', LOG.replace('Country', 'Country,Currency').replace(/France$/gm, 'France,gbp'), {}, 'GBP', 'GBP'],
    ['the same code given', LOG, { currency: 'GBP' }, 'GBP', 'GBP'],
    ['nothing said in the file: the run’s', LOG, {}, 'GBP', 'GBP'],
    ['dollar signs against a USD run', LOG.replace(/,(1000|10|5),/g, ',$$$1,'), {}, 'USD', 'USD'],
    ['a code against a run that only knew the sign', LOG.replace('Country', 'Country,Currency').replace(/France$/gm, 'France,CAD'), {}, '$', 'CAD'],
    ['no currency on either side', LOG, {}, null, null],
  ])('the scored currency when the file agrees with the run: %s', async (_, log, reading, runCurrency, expected) => {
    expect((await scoreCustomers(bytesOf(log), MODELS, { reading, runCurrency })).currency).toBe(expected);
  });

  test('a file that mixes currencies is refused against a run in one currency', async () => {
    const mixed = LOG.replace('Country', 'Country,Currency').replace(/France$/gm, 'France,GBP').replace(/(C,France,)GBP/, '$1EUR');
    await expect(scoreCustomers(bytesOf(mixed), MODELS, { runCurrency: 'GBP' })).rejects.toThrow(
      'The file mixes currencies (the "Currency" column names several currencies (GBP, EUR); amounts were added as they are), and the run counts money in GBP only. Score the GBP lines on their own.',
    );
  });

  test('the schema refuses another layout version and malformed centres', () => {
    expect(runModelsSchema.safeParse({ ...MODELS, version: 2 }).success).toBe(false);
    const bad = { ...MODELS, clustering: { ...MODELS.clustering!, methods: [{ method: 'kmeans', k: 3, names: [], centroids: [[1], [2]] }] } };
    expect(runModelsSchema.safeParse(bad).error?.issues[0].message).toBe('The kmeans model needs 3 centres of 1 values.');
    expect(runModelsSchema.parse(MODELS)).toEqual(MODELS);
  });

  test('models of another version are refused in words', async () => {
    await expect(scoreCustomers(bytesOf(LOG), { ...MODELS, version: 2 as 1 })).rejects.toThrow('These models were stored in layout version 2; this version of Segmenta reads version 1. Re-run the analysis to store them again.');
  });
});
