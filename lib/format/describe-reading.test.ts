import { expect, test } from 'vitest';
import type { FileReading } from '../engines/ingest/types';
import { describeReading, describeValueRule } from './describe-reading';

const reading: FileReading = {
  format: 'text',
  layout: 'uci-lines',
  layoutLabel: 'Line-item log (UCI Online Retail layout)',
  valueRule: '"Quantity" x "UnitPrice" of each line',
  encoding: 'utf-8',
  encodingReason: 'byte order mark',
  sheet: null,
  sheets: [],
  delimiter: ';',
  titleLines: 0,
  headerless: false,
  decimalSeparator: ',',
  thousandsSeparator: '\u00a0',
  dateOrder: 'day-first',
  dateOrderReason: 'detected: 13/03/2024 can only be day/month',
  dateForm: 'DD/MM/YYYY HH:MM',
  timeZone: null,
  timeZoneReason: 'none needed: the file’s times are local (no offsets)',
  currency: 'EUR',
  currencyReason: 'given as an option',
};

test('each setting is shown with how it was decided', () => {
  expect(Object.fromEntries(describeReading(reading).map((r) => [r.label, r.value]))).toEqual({
    Layout: 'Line-item log (UCI Online Retail layout)',
    Format: 'UTF-8 (byte order mark)',
    Delimiter: '“;”',
    'Decimal separator': '“,”, thousands “space”',
    'Date order': 'Day/Month/Year (detected: 13/03/2024 can only be day/month); dates like DD/MM/YYYY HH:MM',
    'Time zone': 'none needed: the file’s times are local (no offsets)',
    Currency: 'EUR (given as an option)',
    Value: '"Quantity" x "UnitPrice" of each line',
  });
});

test('a workbook names its sheet; tabs, title lines and a missing header are said', () => {
  const rows = describeReading({ ...reading, format: 'xlsx', sheet: 'Year 2024', sheets: ['Year 2024', 'Notes'], delimiter: null, titleLines: 2, headerless: true });
  expect(rows.find((r) => r.label === 'Format')?.value).toBe('Excel workbook, sheet “Year 2024” of 2');
  expect(rows.find((r) => r.label === 'Title lines skipped')?.value).toBe('2');
  expect(rows.find((r) => r.label === 'Header')?.value).toBe('none in the file; columns named by their contents');
  expect(describeReading({ ...reading, delimiter: '\t' }).find((r) => r.label === 'Delimiter')?.value).toBe('tab');
});

test.each([
  [
    'each payment\'s "Amount", less its "Refunded Amount"; failed payments are not purchases',
    'each payment\'s "Amount"; failed payments are not purchases; counted gross: refunds ("Refunded Amount") are not deducted',
  ],
  [
    'each order\'s "Total" once (after discounts, with shipping and tax), less its "Refunded Amount"',
    'each order\'s "Total" once (after discounts, with shipping and tax); counted gross: refunds ("Refunded Amount") are not deducted',
  ],
  [
    'each item line\'s "Net Sales" (after discounts, before tax); Refund lines are refunds',
    'each item line\'s "Net Sales" (after discounts, before tax); counted gross: refunds are not deducted',
  ],
  ['"Quantity" x "UnitPrice" of each line', '"Quantity" x "UnitPrice" of each line; counted gross: refunds are not deducted'],
])('counted gross, %s reads %s', (rule, gross) => {
  expect(describeValueRule(rule, 'gross')).toBe(gross);
  expect(describeValueRule(rule, 'net')).toBe(rule);
  expect(describeReading({ ...reading, valueRule: rule }, 'gross').find((r) => r.label === 'Value')?.value).toBe(gross);
});
