import { expect, test } from 'vitest';
import { moneyLabel, moneyNote, valueBasisWords } from './money-label';

test.each([
  ['net', 'net of refunds'],
  ['gross', 'gross'],
  [null, null],
] as const)('value basis %s reads %s', (basis, words) => {
  expect(valueBasisWords(basis)).toBe(words);
});

test.each([
  [{ currency: 'AUD', valueBasis: 'net' }, 'Revenue (net of refunds, AUD)', 'net of refunds, AUD'],
  [{ currency: 'USD', valueBasis: 'gross' }, 'Revenue (gross, USD)', 'gross, USD'],
  [{ currency: null, valueBasis: 'net' }, 'Revenue (net of refunds)', 'net of refunds'],
  [{ currency: 'EUR', valueBasis: null }, 'Revenue (EUR)', 'EUR'],
  [{ currency: null, valueBasis: null }, 'Revenue', ''],
] as const)('%o labels revenue as %s', (money, label, note) => {
  expect(moneyLabel('Revenue', money)).toBe(label);
  expect(moneyNote(money)).toBe(note);
});

test('a share of revenue names the basis without the currency', () => {
  expect(moneyLabel('Revenue share', { currency: 'AUD', valueBasis: 'gross' }, { currency: false })).toBe('Revenue share (gross)');
  expect(moneyNote({ currency: 'AUD', valueBasis: null }, { currency: false })).toBe('');
});
