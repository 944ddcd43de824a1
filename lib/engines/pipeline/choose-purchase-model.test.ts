import { describe, expect, test } from 'vitest';
import type { HoldoutResult, PurchaseModel, PurchaseModelFit } from '../btyd/types';
import { EngineError } from '../errors';
import { choosePurchaseModel, outcomeOf, type FitModelOutcome, type HoldoutModelOutcome } from './choose-purchase-model';

const label = (m: PurchaseModel) => m.toUpperCase();
const fitted = (model: PurchaseModel): FitModelOutcome => ({ model, status: 'done', fit: {} as PurchaseModelFit });
const failedFit = (model: PurchaseModel): FitModelOutcome => ({ model, status: 'failed', reason: 'no', code: 'DEGENERATE_DATA' });
const scored = (model: PurchaseModel, mae: number): HoldoutModelOutcome => ({
  model,
  status: 'done',
  result: { model: { purchases: { mae, rmse: 0, bias: 0 } } } as HoldoutResult,
  beatsNaive: { purchases: true, spend: true },
});

describe('choosePurchaseModel', () => {
  test('takes the lowest holdout purchase MAE, ties to the earlier model', () => {
    const choice = choosePurchaseModel('auto', ['bgnbd', 'mbgnbd'], [fitted('bgnbd'), fitted('mbgnbd')], [scored('bgnbd', 0.52), scored('mbgnbd', 0.5)], label);
    expect(choice).toEqual({ model: 'mbgnbd', by: 'holdout', reason: "MBGNBD predicted each customer's holdout purchases best (mean absolute error 0.5000)." });
    expect(choosePurchaseModel('auto', ['bgnbd', 'mbgnbd', 'pnbd'], [fitted('bgnbd'), fitted('mbgnbd'), fitted('pnbd')], [scored('bgnbd', 0.5), scored('mbgnbd', 0.5 * (1 + 1e-7)), scored('pnbd', 0.5)], label)).toEqual({
      model: 'bgnbd',
      by: 'holdout',
      reason: "BGNBD, MBGNBD and PNBD predicted each customer's holdout purchases equally well (mean absolute error 0.5000); BGNBD comes first in the order of preference.",
    });
  });

  test('skips a model that could not be fitted on the fit period even when it scored best', () => {
    const choice = choosePurchaseModel('auto', ['bgnbd', 'mbgnbd'], [fitted('bgnbd'), failedFit('mbgnbd')], [scored('bgnbd', 0.9), scored('mbgnbd', 0.1)], label);
    expect(choice?.model).toBe('bgnbd');
    expect(choice?.by).toBe('holdout');
  });

  test('the user choice wins; no holdout falls back to the first fitted model; nothing fitted gives null', () => {
    expect(choosePurchaseModel('mbgnbd', ['bgnbd', 'mbgnbd'], [fitted('bgnbd')], [scored('bgnbd', 0.1)], label)).toEqual({ model: 'mbgnbd', by: 'user', reason: 'MBGNBD was chosen in the options.' });
    expect(choosePurchaseModel('auto', ['bgnbd', 'mbgnbd'], [failedFit('bgnbd'), fitted('mbgnbd')], null, label)).toEqual({
      model: 'mbgnbd',
      by: 'default',
      reason: 'There is no holdout period to compare the models on; MBGNBD is the default.',
    });
    expect(choosePurchaseModel('auto', ['bgnbd'], [failedFit('bgnbd')], null, label)).toBeNull();
  });
});

describe('outcomeOf', () => {
  test('an EngineError about the data is a failed outcome; a wrong option or a bug is thrown', () => {
    expect(outcomeOf('bgnbd', () => ({ fit: 1 }))).toEqual({ model: 'bgnbd', status: 'done', fit: 1 });
    expect(outcomeOf('bgnbd', () => { throw new EngineError('DEGENERATE_DATA', 'too few'); })).toEqual({ model: 'bgnbd', status: 'failed', reason: 'too few', code: 'DEGENERATE_DATA' });
    expect(() => outcomeOf('bgnbd', () => { throw new EngineError('INVALID_OPTION', 'bad'); })).toThrow('bad');
    expect(() => outcomeOf('bgnbd', () => { throw new TypeError('bug'); })).toThrow('bug');
  });
});
