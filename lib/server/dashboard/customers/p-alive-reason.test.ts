import { expect, test } from 'vitest';
import type { LifetimeValueNotesDto } from '../lifetime-value/get-lifetime-value-notes';
import { ONE_PURCHASE_REASON, pAliveReason } from './p-alive-reason';

const NOT_IDENTIFIED = 'P(alive) is not shown: this data cannot tell when customers stop buying (BG/NBD a not identified), so churn status follows the days-silent rule.';
const ONE_TIME = 'P(alive) is not shown for the 3 one-time buyers: BG/NBD sets it to 100 % for anyone without a repeat purchase.';
const ran = (model: LifetimeValueNotesDto['model'], pAliveShown: number | null, pAliveNote: string | null): LifetimeValueNotesDto => ({
  ran: true,
  skippedReason: null,
  model,
  modelLabel: model,
  horizonMonths: 6,
  pAliveShown,
  pAliveNote,
  caveat: null,
  churnBasis: null,
});
const skipped: LifetimeValueNotesDto = { ...ran(null, null, null), ran: false, skippedReason: 'Only one customer bought more than once.' };

test.each([
  ['a P(alive) needs no reason', ran('bgnbd', 10, ONE_TIME), 0.4, 1, null],
  ['one-time buyer under BG/NBD', ran('bgnbd', 10, ONE_TIME), null, 1, ONE_PURCHASE_REASON],
  ['repeat buyer the model did not reach: the run note', ran('bgnbd', 10, ONE_TIME), null, 3, ONE_TIME],
  ['dropout not identified: the run note, even for a one-time buyer', ran('bgnbd', 0, NOT_IDENTIFIED), null, 1, NOT_IDENTIFIED],
  ['Pareto/NBD does not fix one-time buyers: the run note', ran('pnbd', 0, NOT_IDENTIFIED), null, 1, NOT_IDENTIFIED],
  ['a run stored before the note existed', ran('mbgnbd', null, null), null, 2, 'the model gives no P(alive) for this customer'],
  ['lifetime value skipped', skipped, null, 4, 'no lifetime-value model in this run: Only one customer bought more than once.'],
])('%s', (_, notes, pAlive, frequency, expected) => {
  expect(pAliveReason(notes, { pAlive, frequency })).toBe(expected);
});
