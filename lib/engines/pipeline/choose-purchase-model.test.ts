import { describe, expect, test } from 'vitest';
import type { HoldoutResult, PurchaseModel, PurchaseModelFit } from '../btyd/types';
import { EngineError } from '../errors';
import { choosePurchaseModel, outcomeOf, type FitModelOutcome, type HoldoutModelOutcome } from './choose-purchase-model';

const label = (m: PurchaseModel) => m.toUpperCase();
const fitted = (model: PurchaseModel, converged = true): FitModelOutcome => ({
  model,
  status: 'done',
  fit: { convergence: { converged, iterations: 10, evaluations: 20, gradientNorm: converged ? 1e-8 : 0.3, starts: 4, convergedStarts: converged ? 2 : 0 } } as PurchaseModelFit,
});
const notConverged = (model: PurchaseModel) => fitted(model, false);
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

  test('a model whose fit converged beats a lower MAE from one whose fit did not', () => {
    // transactions_gbp.tsv's case: Pareto/NBD 0.6914 without convergence, MBG/NBD 0.705 converged.
    const choice = choosePurchaseModel('auto', ['bgnbd', 'mbgnbd', 'pnbd'], [fitted('bgnbd'), fitted('mbgnbd'), notConverged('pnbd')], [scored('bgnbd', 0.72), scored('mbgnbd', 0.705), scored('pnbd', 0.6914)], label);
    expect(choice).toEqual({
      model: 'mbgnbd',
      by: 'holdout',
      reason: "MBGNBD predicted each customer's holdout purchases best of the models whose fit converged (mean absolute error 0.7050). PNBD scored lower (mean absolute error 0.6914) but its fit did not converge.",
    });
    // A non-converged model that scored worse is not mentioned; the reason reads as before.
    expect(choosePurchaseModel('auto', ['bgnbd', 'mbgnbd'], [notConverged('bgnbd'), fitted('mbgnbd')], [scored('bgnbd', 0.8), scored('mbgnbd', 0.5)], label)).toEqual({
      model: 'mbgnbd',
      by: 'holdout',
      reason: "MBGNBD predicted each customer's holdout purchases best (mean absolute error 0.5000).",
    });
  });

  test('when no model whose fit converged can be scored, the lowest MAE is chosen and the reason says it did not converge', () => {
    expect(choosePurchaseModel('auto', ['bgnbd', 'mbgnbd', 'pnbd'], [notConverged('bgnbd'), notConverged('mbgnbd'), notConverged('pnbd')], [scored('bgnbd', 0.6), scored('mbgnbd', 0.4), scored('pnbd', 0.5)], label)).toEqual({
      model: 'mbgnbd',
      by: 'holdout',
      reason:
        "MBGNBD was chosen although its fit did not converge: no model whose fit converged could be scored on the holdout. MBGNBD predicted each customer's holdout purchases best (mean absolute error 0.4000).",
    });
    // BG/NBD converged but failed on the holdout: it cannot be scored, so the non-converged scored model is used.
    const failedHoldout: HoldoutModelOutcome = { model: 'bgnbd', status: 'failed', reason: 'no', code: 'DEGENERATE_DATA' };
    const choice = choosePurchaseModel('auto', ['bgnbd', 'pnbd'], [fitted('bgnbd'), notConverged('pnbd')], [failedHoldout, scored('pnbd', 0.9)], label);
    expect(choice?.model).toBe('pnbd');
    expect(choice?.reason).toMatch(/^PNBD was chosen although its fit did not converge: no model whose fit converged could be scored/);
  });

  test('ties among converged models go to the earlier model, also with a non-converged model beside them', () => {
    expect(
      choosePurchaseModel('auto', ['bgnbd', 'mbgnbd', 'pnbd'], [notConverged('bgnbd'), fitted('mbgnbd'), fitted('pnbd')], [scored('bgnbd', 0.5), scored('mbgnbd', 0.5), scored('pnbd', 0.5 * (1 + 1e-7))], label),
    ).toEqual({
      model: 'mbgnbd',
      by: 'holdout',
      reason: "MBGNBD and PNBD predicted each customer's holdout purchases equally well (mean absolute error 0.5000); MBGNBD comes first in the order of preference.",
    });
    // Ties among non-converged models only: the earlier one, with the plain reason.
    const choice = choosePurchaseModel('auto', ['bgnbd', 'mbgnbd'], [notConverged('bgnbd'), notConverged('mbgnbd')], [scored('bgnbd', 0.5), scored('mbgnbd', 0.5)], label);
    expect(choice?.model).toBe('bgnbd');
    expect(choice?.reason).toBe(
      "BGNBD was chosen although its fit did not converge: no model whose fit converged could be scored on the holdout. BGNBD and MBGNBD predicted each customer's holdout purchases equally well (mean absolute error 0.5000); BGNBD comes first in the order of preference.",
    );
  });

  test('with no holdout the default skips a first model whose fit did not converge; all non-converged takes the first, saying so', () => {
    expect(choosePurchaseModel('auto', ['bgnbd', 'mbgnbd', 'pnbd'], [notConverged('bgnbd'), failedFit('mbgnbd'), fitted('pnbd')], null, label)).toEqual({
      model: 'pnbd',
      by: 'default',
      reason: 'There is no holdout period to compare the models on; PNBD is the default.',
    });
    expect(choosePurchaseModel('auto', ['bgnbd', 'mbgnbd'], [notConverged('bgnbd'), notConverged('mbgnbd')], null, label)).toEqual({
      model: 'bgnbd',
      by: 'default',
      reason: 'There is no holdout period to compare the models on; BGNBD is the default. Its fit did not converge; it was chosen because no model whose fit converged could be used.',
    });
    // A holdout where nothing scored falls back the same way.
    const failedHoldout = (model: PurchaseModel): HoldoutModelOutcome => ({ model, status: 'failed', reason: 'no', code: 'DEGENERATE_DATA' });
    expect(choosePurchaseModel('auto', ['bgnbd', 'mbgnbd'], [notConverged('bgnbd'), fitted('mbgnbd')], [failedHoldout('bgnbd'), failedHoldout('mbgnbd')], label)).toEqual({
      model: 'mbgnbd',
      by: 'default',
      reason: 'No model could be scored on the holdout; MBGNBD is the default.',
    });
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
