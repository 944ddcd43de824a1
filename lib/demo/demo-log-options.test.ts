import { expect, test } from 'vitest';
import { EngineError } from '../engines/errors';
import { DEFAULT_DEMO_REALISM, parseDemoDate, resolveDemoLogOptions, type DemoLogInput } from './demo-log-options';

test('defaults: 4,000 customers over 13 months ending 2024-12-31', () => {
  const o = resolveDemoLogOptions();
  expect([o.customers, o.months, o.endDate]).toEqual([4000, 13, '2024-12-31']);
  expect(o.realism).toEqual(DEFAULT_DEMO_REALISM);
});

test('realism knobs are merged one by one', () => {
  const o = resolveDemoLogOptions({ realism: { homeShare: 0.5 } });
  expect(o.realism.homeShare).toBe(0.5);
  expect(o.realism.missingCustomerShare).toBe(DEFAULT_DEMO_REALISM.missingCustomerShare);
});

test.each<[DemoLogInput, string]>([
  [{ customers: 0 }, 'The demo needs a whole number of customers from 1 to 1,000,000; got 0.'],
  [{ customers: 2.5 }, 'The demo needs a whole number of customers from 1 to 1,000,000; got 2.5.'],
  [{ months: 0 }, 'The demo covers a whole number of months from 1 to 120; got 0.'],
  [{ endDate: '2024-02-30' }, 'The demo end date must be a calendar date written YYYY-MM-DD; got "2024-02-30".'],
  [{ endDate: '31/12/2024' }, 'The demo end date must be a calendar date written YYYY-MM-DD; got "31/12/2024".'],
  [{ seed: NaN }, 'The demo seed must be a finite number; got NaN.'],
  [{ realism: { missingCustomerShare: 1 } }, 'The realism knob missingCustomerShare is a share from 0 up to (not including) 1; got 1.'],
  [{ realism: { spendQ: 0 } }, 'The realism knob spendQ must be a positive number; got 0.'],
  [{ realism: { adjustments: -1 } }, 'The realism knob adjustments must be a whole number of at least 0; got -1.'],
  [{ realism: { seasonality: [1, 2] } }, 'The realism knob seasonality must list 12 positive monthly multipliers, January first.'],
])('%j is refused', (input, message) => {
  expect(() => resolveDemoLogOptions(input)).toThrow(new EngineError('INVALID_OPTION', message));
});

test.each([
  ['2024-12-31', Date.UTC(2024, 11, 31)],
  ['2024-02-29', Date.UTC(2024, 1, 29)],
  ['2023-02-29', NaN],
  ['2024-1-01', NaN],
])('parseDemoDate(%s)', (text, ms) => {
  expect(parseDemoDate(text)).toBe(ms);
});
