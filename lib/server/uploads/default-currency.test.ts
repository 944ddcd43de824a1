import { expect, test } from 'vitest';
import { defaultCurrency, localeCurrency } from './default-currency';

test.each([
  ['en-GB', 'GBP'],
  ['en-US', 'USD'],
  ['de-DE', 'EUR'],
  ['fr', 'EUR'],
  ['en-AU', 'AUD'],
  ['ja', 'JPY'],
  ['xx-ZZ', null],
  ['not a locale', null],
])('the locale %s proposes %s', (locale, currency) => {
  expect(localeCurrency(locale)).toBe(currency);
});

test('the last dataset’s currency comes before the browser’s, and the source is said', () => {
  expect(defaultCurrency('EUR', 'en-GB')).toEqual({ currency: 'EUR', source: 'the currency of your last dataset' });
  expect(defaultCurrency(null, 'en-GB')).toEqual({ currency: 'GBP', source: 'your browser’s language setting (en-GB)' });
  expect(defaultCurrency(null, 'xx-ZZ')).toBeNull();
});
