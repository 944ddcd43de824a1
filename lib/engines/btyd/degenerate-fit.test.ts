import { expect, test } from 'vitest';
import { findDegeneracy, requireUsablePurchaseFit } from './degenerate-fit';
import { fitLifetimeValue } from './fit-lifetime-value';
import { evaluateHoldout } from './holdout';
import { fitPurchaseModel, predictProbabilityAlive } from './purchase-model';
import { summarizeCustomers } from './summarize';
import { thrownCode } from '../testing/cdnow';
import type { PurchaseColumns } from './types';

/**
 * The small file of the bug report: 12 customers, first purchases on days 10, 15, ..., 65; customers
 * 1, 4, 7 and 9 bought again on day 98, the day before the end (observationEnd 100 = first day
 * after the data). Nobody bought a third time.
 */
function smallFile(repeatBuyers: readonly number[] = [1, 4, 7, 9]): PurchaseColumns {
  const rows: [number, number, number][] = [];
  for (let c = 0; c < 12; c++) rows.push([c, 10 + 5 * c, 20]);
  for (const c of repeatBuyers) rows.push([c, 98, 30]);
  return {
    customer: Int32Array.from(rows.map((r) => r[0])),
    day: Float64Array.from(rows.map((r) => r[1])),
    value: Float64Array.from(rows.map((r) => r[2])),
  };
}
const period = { nCustomers: 12, observationEnd: 100, unit: 'days' as const };

test('why: on 12 customers with at most one repeat purchase, BG/NBD sends the mean dropout probability to 1 and writes off yesterday’s buyers', () => {
  const summary = summarizeCustomers(smallFile(), period);
  const fit = fitPurchaseModel('bgnbd', summary);
  if (fit.model !== 'bgnbd') throw new Error('unexpected model');
  // Dropout can only follow a repeat purchase, so "everyone stops at the first repeat purchase"
  // explains why nobody bought a third time; a / (a + b) runs to 1 (b -> 0).
  expect(fit.params.a / (fit.params.a + fit.params.b)).toBeGreaterThan(0.999);
  const pAlive = predictProbabilityAlive(fit, summary);
  const yesterday = Array.from(summary.customer).map((c, i) => (c === 1 || c === 4 || c === 7 || c === 9 ? i : -1)).filter((i) => i >= 0);
  for (const i of yesterday) {
    expect(summary.T[i] - summary.tx[i]).toBe(1);
    expect(pAlive[i]).toBeLessThan(0.01);
  }
  expect(fit.degenerate).not.toBeNull();
  expect(fit.degenerate!.writtenOff).toBe(4);
  expect(fit.degenerate!.reason).toMatch(/^BG\/NBD fits this data degenerately: 4 of 4 customers who bought again within their usual gap of the end \(e\.g\. 1 repeat purchase, the last 1 day before the end\) get P\(alive\) below 1 %; the fit says customers stop after a purchase with probability 99\.9\d\d\d % on average\.$/);
});

test('fitLifetimeValue and evaluateHoldout refuse a degenerate fit with DEGENERATE_DATA instead of P(alive) 0 and CLV 0', () => {
  const purchases = smallFile();
  expect(thrownCode(() => fitLifetimeValue({ purchases, period }, { model: 'bgnbd', intervalDraws: 0 }))).toBe('DEGENERATE_DATA');
  try {
    fitLifetimeValue({ purchases, period }, { model: 'bgnbd', intervalDraws: 0 });
  } catch (error) {
    expect((error as Error).message).toMatch(/P\(alive\) below 1 %.*Its P\(alive\) and CLV would be wrong; use another model or more data\.$/);
  }
  // The same calibration period with a one-day holdout after it (day 100).
  expect(thrownCode(() => evaluateHoldout(purchases, { ...period, calibrationEnd: 100, observationEnd: 101 }, { model: 'bgnbd' }))).toBe('DEGENERATE_DATA');
});

test.each(['mbgnbd', 'pnbd'] as const)('%s is not degenerate on the same file: yesterday’s buyers keep P(alive) and a positive CLV', (model) => {
  const result = fitLifetimeValue({ purchases: smallFile(), period }, { model, intervalDraws: 0 });
  expect(result.purchaseFit.degenerate).toBeNull();
  const row = Array.from(result.customer).indexOf(1);
  expect(result.pAlive[row]).toBeGreaterThan(0.5);
  expect(result.clv[row]).toBeGreaterThan(0);
  // Nobody is seen to leave: the dropout parameters are not identified, and the fit says so.
  expect(result.warnings.join(' ')).toMatch(/cannot tell when customers stop buying/);
});

test('a file where nobody is seen to leave is not degenerate for BG/NBD, only not identified', () => {
  const fit = fitPurchaseModel('bgnbd', summarizeCustomers(smallFile([1, 4]), period));
  expect(fit.degenerate).toBeNull();
  expect(fit.notIdentified).toEqual(expect.arrayContaining(['a', 'b']));
});

test.each([
  ['nothing wrong', { pAlive: [0.6, 0.6, 0.6], meanPurchaseRate: 0.1, meanDropoutProbability: 0.3 }, null],
  ['a recent buyer written off', { pAlive: [0.005, 0.005, 0.005], meanPurchaseRate: 0.1 }, /1 of 1 customers .*\(e\.g\. 2 repeat purchases, the last 3 weeks before the end\) get P\(alive\) below 1 %/],
  ['certain dropout', { pAlive: [0.6, 0.6, 0.6], meanPurchaseRate: 0.1, meanDropoutProbability: 0.995 }, /stop after a purchase with probability 99\.5 % on average/],
  ['alpha run to 0', { pAlive: [0.6, 0.6, 0.6], meanPurchaseRate: 40 }, /mean purchase rate \(40\.0 a week\) is over 100 times the observed one \(0\.0588\)/],
])('findDegeneracy on a hand case: %s', (_label, check, expected) => {
  // Customer 0: x 2, tx 10, T 13 (last purchase 3 weeks before the end, mean gap 5): recent.
  // Customer 1: x 1, tx 2, T 20 (18 weeks silent, gap 2): not recent, whatever its P(alive).
  // Customer 2: x 0. Observed repeat rate 3 / 51.
  const data = { x: Float64Array.of(2, 1, 0), tx: Float64Array.of(10, 2, 0), T: Float64Array.of(13, 20, 18) };
  const result = findDegeneracy({ label: 'Test', unit: 'weeks', ...check }, data);
  if (expected === null) expect(result).toBeNull();
  else expect(result?.reason).toMatch(expected);
});

test('requireUsablePurchaseFit passes a sound fit through unchanged', () => {
  const summary = summarizeCustomers(smallFile([1, 4]), period);
  const fit = fitPurchaseModel('pnbd', summary);
  expect(requireUsablePurchaseFit(fit)).toBe(fit);
});
