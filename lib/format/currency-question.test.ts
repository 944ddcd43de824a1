import { expect, test } from 'vitest';
import { currencyQuestion, currencyReadingWords } from './currency-question';

test('a currency the file names is said with where it came from', () => {
  expect(currencyQuestion({ currency: 'EUR', reason: 'the file\'s "Currency" column' })).toEqual({
    kind: 'named',
    currency: 'EUR',
    source: 'the file\'s "Currency" column',
  });
});

test('a symbol several currencies share is asked about, offering its currencies and choosing none', () => {
  const q = currencyQuestion({ currency: '$', reason: 'the amounts are written with "$", which several currencies use; give the currency to name it' });
  expect(q).toEqual({
    kind: 'ask',
    symbol: '$',
    choices: ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN'],
    question: 'The amounts are written with “$”, which does not say the currency (USD, CAD, AUD, NZD, SGD, HKD, MXN, …): choose it or type its three-letter code.',
  });
});

test('a file that shows no currency is asked about with nothing offered', () => {
  expect(currencyQuestion({ currency: null, reason: 'not stated in the file' })).toEqual({
    kind: 'ask',
    symbol: null,
    choices: [],
    question: 'The file does not say its currency: type its three-letter code, or amounts are shown without one.',
  });
});

test('a reading stored before its currency reason was kept asks the same question', () => {
  expect(currencyQuestion({ currency: null } as never)).toMatchObject({
    kind: 'ask',
    question: 'The file does not say its currency: type its three-letter code, or amounts are shown without one.',
  });
});

test('a file whose currency column names several currencies says so in the question', () => {
  const reason = 'the "Currency" column names several currencies (EUR, GBP); amounts were added as they are';
  expect(currencyQuestion({ currency: null, reason })).toMatchObject({
    question: 'The file does not say its currency (the "Currency" column names several currencies (EUR, GBP); amounts were added as they are): type its three-letter code, or amounts are shown without one.',
  });
});

test('the reading names the currency or says it is not named', () => {
  expect(currencyReadingWords({ currency: 'GBP', reason: 'the symbols in the amounts (£)' })).toBe('GBP (the symbols in the amounts (£))');
  expect(currencyReadingWords({ currency: '$', reason: 'x' })).toBe(
    'not named: the amounts are written with “$”, which does not say the currency (USD, CAD, AUD, NZD, SGD, HKD, MXN, …): choose it or type its three-letter code.',
  );
  expect(currencyReadingWords({ currency: null, reason: 'not stated in the file' })).toBe('not named: the file does not say its currency: type its three-letter code, or amounts are shown without one.');
});
