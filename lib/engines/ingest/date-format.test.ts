import { expect, test } from 'vitest';
import { EngineError } from '../errors';
import { parseDateTime, sniffDateFormat, type DateReadOptions } from './date-format';

const M: DateReadOptions = { order: 'month-first' };
const D: DateReadOptions = { order: 'day-first' };
const EXCEL: DateReadOptions = { order: 'month-first', excelSerial: true };
// Date.UTC maps years 0-99 to 1900-1999, so year 1 is written out and setUTCFullYear builds the rest.
const YEAR_1_JAN_1 = -62_135_596_800_000;

function earlyYear(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

test.each([
  // ISO 8601
  ['2024-03-08', M, Date.UTC(2024, 2, 8)],
  ['2024-03-08T14:22', M, Date.UTC(2024, 2, 8, 14, 22)],
  ['2024-03-08 14:22', M, Date.UTC(2024, 2, 8, 14, 22)],
  ['2024-03-08T14:22:05', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2024-03-08 14:22:05.0', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2024-03-08 14:22:05.123', M, Date.UTC(2024, 2, 8, 14, 22, 5, 123)],
  ['2024-03-08 14:22:05.123456', M, Date.UTC(2024, 2, 8, 14, 22, 5, 123)],
  ['2024-03-08 14:22:05.9999', M, Date.UTC(2024, 2, 8, 14, 22, 5, 999)],
  ['2024-03-08 14:22:05.5', M, Date.UTC(2024, 2, 8, 14, 22, 5, 500)],
  ['2024-03-08T13:22:05.123Z', M, Date.UTC(2024, 2, 8, 13, 22, 5, 123)],
  ['2024-03-08T14:22:05+01:00', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2024-03-08T14:22:05+0100', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2024-03-08T14:22:05-05', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2024-03-08 14:22:05 +0100', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2020-10-06 05:20:12.0 +02:00', M, Date.UTC(2020, 9, 6, 5, 20, 12)],
  ['2024-03-08 14:22:05 UTC', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2024-03-08T14:22Z', M, Date.UTC(2024, 2, 8, 14, 22)],
  ['2024-3-8 9:05', M, Date.UTC(2024, 2, 8, 9, 5)],
  ['  2024-03-08 14:22  ', M, Date.UTC(2024, 2, 8, 14, 22)],
  ['2024/03/08', M, Date.UTC(2024, 2, 8)],
  ['2024/03/08 14:22:05', D, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['2024.03.08', M, Date.UTC(2024, 2, 8)],
  ['0001-01-01', M, YEAR_1_JAN_1],
  ['0001-01-01 00:00:01', M, YEAR_1_JAN_1 + 1000],
  ['0099-12-31', M, earlyYear(99, 12, 31)],
  ['0050-02-28 12:00', M, earlyYear(50, 2, 28) + 43_200_000],
  ['9999-12-31', M, Date.UTC(9999, 11, 31)],
  ['9999-12-31 23:59:59.999', M, Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  ['2024-02-29', M, Date.UTC(2024, 1, 29)],
  ['2000-02-29', M, Date.UTC(2000, 1, 29)],
  // numeric day/month
  ['31/01/2011 14:22', D, Date.UTC(2011, 0, 31, 14, 22)],
  ['1/31/2011 14:22', M, Date.UTC(2011, 0, 31, 14, 22)],
  ['12/1/2010 8:26', M, Date.UTC(2010, 11, 1, 8, 26)],
  ['12/1/2010 8:26', D, Date.UTC(2010, 0, 12, 8, 26)],
  ['01.12.2010 08:26:30', D, Date.UTC(2010, 11, 1, 8, 26, 30)],
  ['08-03-1999', D, Date.UTC(1999, 2, 8)],
  ['08.03.24', D, Date.UTC(2024, 2, 8)],
  ['3/8/69', M, Date.UTC(2069, 2, 8)],
  ['3/8/70', M, Date.UTC(1970, 2, 8)],
  ['3/8/2024 2:22 PM', M, Date.UTC(2024, 2, 8, 14, 22)],
  ['3/8/2024 2:22pm', M, Date.UTC(2024, 2, 8, 14, 22)],
  ['3/8/2024 2:22:09 p.m.', M, Date.UTC(2024, 2, 8, 14, 22, 9)],
  ['3/8/2024 12:05 AM', M, Date.UTC(2024, 2, 8, 0, 5)],
  ['3/8/2024 12:05 PM', M, Date.UTC(2024, 2, 8, 12, 5)],
  ['3/8/2024 11:59 PM', M, Date.UTC(2024, 2, 8, 23, 59)],
  ['08/03/2024, 14:22:05', D, Date.UTC(2024, 2, 8, 14, 22, 5)],
  // compact
  ['19970101', M, Date.UTC(1997, 0, 1)],
  ['20241231', D, Date.UTC(2024, 11, 31)],
  // month names
  ['01-Dec-2010', M, Date.UTC(2010, 11, 1)],
  ['01-DEC-10', M, Date.UTC(2010, 11, 1)],
  ['1 Dec 2010', M, Date.UTC(2010, 11, 1)],
  ['8 Mar 2024', D, Date.UTC(2024, 2, 8)],
  ['8 march 2024 14:22', M, Date.UTC(2024, 2, 8, 14, 22)],
  ['Dec 1, 2010', M, Date.UTC(2010, 11, 1)],
  ['DECEMBER 1, 2010', M, Date.UTC(2010, 11, 1)],
  ['December 1, 2010 10:00', M, Date.UTC(2010, 11, 1, 10)],
  ['Sept 3rd, 2024 3:04 PM', M, Date.UTC(2024, 8, 3, 15, 4)],
  ['Sat, 08 Mar 2024 14:22:05', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['Saturday, 8 March 2024', M, Date.UTC(2024, 2, 8)],
  ['Sat, 08 Mar 2024 14:22:05 GMT', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  ['Sat Mar 08 2024 14:22:05 GMT+0100', M, Date.UTC(2024, 2, 8, 14, 22, 5)],
  // Excel serials (1900 system)
  ['45359.5', EXCEL, Date.UTC(2024, 2, 8, 12)],
  ['45359', EXCEL, Date.UTC(2024, 2, 8)],
  ['45359.25', EXCEL, Date.UTC(2024, 2, 8, 6)],
  ['1', EXCEL, Date.UTC(1900, 0, 1)],
  ['59', EXCEL, Date.UTC(1900, 1, 28)],
  ['61', EXCEL, Date.UTC(1900, 2, 1)],
  ['2958465', EXCEL, Date.UTC(9999, 11, 31)],
  ['2024-03-08', EXCEL, Date.UTC(2024, 2, 8)],
  ['19970101', EXCEL, Date.UTC(1997, 0, 1)],
] as const)('parseDateTime(%j, %o) is %d', (text, options, expected) => {
  expect(parseDateTime(text, options)).toBe(expected);
});

test.each([
  ['31/02/2024', D],
  ['29/02/2023', D],
  ['1900-02-29', M],
  ['13/13/2024', D],
  ['13/13/2024', M],
  ['13/01/2024', M],
  ['01/13/2024', D],
  ['2024-03-08 24:00:01', M],
  ['2024-03-08 24:00', M],
  ['2024-03-08 23:60', M],
  ['2024-03-08 23:59:60', M],
  ['2024-13-01', M],
  ['2024-00-10', M],
  ['2024-01-00', M],
  ['0000-01-01', M],
  ['3/8/2024 13:05 PM', M],
  ['3/8/2024 0:05 AM', M],
  ['2024-03-08T14:22:05+25:00', M],
  ['garbage', M],
  ['', M],
  ['   ', M],
  ['NaN', M],
  ['2024', M],
  ['45359', M],
  ['45359.5', M],
  ['60', EXCEL],
  ['0', EXCEL],
  ['-1', EXCEL],
  ['2958466', EXCEL],
  ['18991231', M],
  ['21010101', M],
  ['19971301', M],
  ['31-Foo-2010', M],
  ['Dec 32, 2010', M],
  ['Funday, 08 Mar 2024', M],
  ['2024-03-08 14:22 tomorrow', M],
  ['2024-03-08\u000014:22', M],
] as const)('parseDateTime(%j, %o) is NaN', (text, options) => {
  expect(parseDateTime(text, options)).toBeNaN();
});

const NEW_YORK: DateReadOptions = { order: 'month-first', timeZone: 'America/New_York' };
const LONDON: DateReadOptions = { order: 'day-first', timeZone: 'Europe/London' };

test.each([
  // Both copies of the repeated hour stay 01:30 on 3 Nov in New York.
  ['2024-11-03 01:30:00 -0400', NEW_YORK, Date.UTC(2024, 10, 3, 1, 30)],
  ['2024-11-03 01:30:00 -0500', NEW_YORK, Date.UTC(2024, 10, 3, 1, 30)],
  ['2024-11-03T06:30:00Z', NEW_YORK, Date.UTC(2024, 10, 3, 1, 30)],
  ['2024-11-03T04:30:00Z', NEW_YORK, Date.UTC(2024, 10, 3, 0, 30)],
  ['2024-03-10T07:00:00Z', NEW_YORK, Date.UTC(2024, 2, 10, 3, 0)],
  ['2024-03-10T06:59:59.500Z', NEW_YORK, Date.UTC(2024, 2, 10, 1, 59, 59, 500)],
  ['2024-01-01T03:00:00Z', NEW_YORK, Date.UTC(2023, 11, 31, 22, 0)],
  // Naive values are already in the store's zone.
  ['2024-11-03 01:30:00', NEW_YORK, Date.UTC(2024, 10, 3, 1, 30)],
  ['11/3/2024 1:30 AM', NEW_YORK, Date.UTC(2024, 10, 3, 1, 30)],
  // London: 23:30Z on 30 Mar is still GMT; on 31 Mar, after the clock change, it is 00:30 on 1 Apr.
  ['2024-03-30T23:30:00Z', LONDON, Date.UTC(2024, 2, 30, 23, 30)],
  ['2024-03-31T23:30:00Z', LONDON, Date.UTC(2024, 3, 1, 0, 30)],
  ['2024-10-26T23:30:00Z', LONDON, Date.UTC(2024, 9, 27, 0, 30)],
  ['Sat, 30 Mar 2024 23:30:00 GMT', LONDON, Date.UTC(2024, 2, 30, 23, 30)],
  ['2024-03-08 14:22:05 +0100', { order: 'month-first', timeZone: 'Australia/Melbourne' }, Date.UTC(2024, 2, 9, 0, 22, 5)],
  ['2024-03-08 14:22:05 +0100', { order: 'month-first', timeZone: 'UTC' }, Date.UTC(2024, 2, 8, 13, 22, 5)],
] as const)('parseDateTime(%j, %o) is %d', (text, options, expected) => {
  expect(parseDateTime(text, options)).toBe(expected);
});

test('an unknown store time zone is refused even for values without an offset', () => {
  const attempt = () => parseDateTime('2024-03-08', { order: 'month-first', timeZone: 'Eastern Time (US & Canada)' });
  expect(attempt).toThrow(EngineError);
  expect(attempt).toThrow(/is not a time zone/);
});

test.each([
  // [values, order, conflict, evidence, description]
  [['31/01/2011 14:22', '02/03/2011 09:00'], 'day-first', false, ['31/01/2011 14:22'], '31/01/2011 14:22 (day first)'],
  [['02/03/2011', '13.01.2011', '28.02.2011'], 'day-first', false, ['13.01.2011', '28.02.2011'], '13.01.2011 (day first)'],
  [['1/31/2011', '02/03/2011'], 'month-first', false, ['1/31/2011'], '1/31/2011 (month first)'],
  [['12/1/2010 8:26', '12/13/2010 9:00 PM'], 'month-first', false, ['12/13/2010 9:00 PM'], '12/13/2010 9:00 PM (month first)'],
  [['01/02/2011', '02/03/2011', '12/12/2012'], 'ambiguous', false, [], '01/02/2011 (day or month first: no value tells)'],
  [['31/01/2011', '01/31/2011', '02/03/2011'], null, true, ['31/01/2011', '01/31/2011'], 'day-first (31/01/2011) and month-first (01/31/2011) values mixed'],
  [['2024-03-08 14:22:05 -0500', '2024-03-09 10:00:00 -0500'], null, false, [], '2024-03-08 14:22:05 -0500'],
  [['2024-03-08', '2024-03-13'], null, false, [], '2024-03-08'],
  [['8 Mar 2024', '13 Mar 2024'], null, false, [], '8 Mar 2024'],
  [['19970101', '19970113'], null, false, [], '19970101 (YYYYMMDD)'],
  [[], null, false, [], 'no recognised dates'],
] as const)('sniffDateFormat(%j) finds order %j', (values, order, conflict, evidence, description) => {
  const sniff = sniffDateFormat(values);
  expect(sniff.order).toBe(order);
  expect(sniff.conflict).toBe(conflict);
  expect(sniff.evidence).toEqual(evidence);
  expect(sniff.description).toBe(description);
});

test('an inconsistent column is read with its majority order and the minority counts as failures', () => {
  const sniff = sniffDateFormat(['31/01/2011', '30/01/2011', '01/31/2011', '05/06/2011']);
  expect(sniff).toMatchObject({ order: null, conflict: true, readOrder: 'day-first', failures: 1, examples: ['01/31/2011'], votes: { dayFirst: 2, monthFirst: 1 } });
});

test.each([
  [['31/01/2011'], 'day-first'],
  [['01/31/2011'], 'month-first'],
  [['01/02/2011'], 'month-first'],
  [['2024-03-08'], 'month-first'],
] as const)('sniffDateFormat(%j) reads with %s', (values, readOrder) => {
  expect(sniffDateFormat(values).readOrder).toBe(readOrder);
});

test('values that name no real date do not vote and are counted as failures', () => {
  const sniff = sniffDateFormat(['31/02/2024', '13/13/2024', '01/02/2024', '2024-02-30', '', '  ']);
  expect(sniff).toMatchObject({ order: 'ambiguous', conflict: false, failures: 3, examples: ['31/02/2024', '13/13/2024', '2024-02-30'], evidence: [] });
});

test.each([
  [['2024-03-08 14:22:05 -0500'], true],
  [['2024-03-08T13:22:05.123Z', '2024-03-08 10:00'], true],
  [['Sat, 08 Mar 2024 14:22:05 GMT'], true],
  [['2024-03-08 14:22:05'], false],
  [['31/01/2011 14:22'], false],
] as const)('sniffDateFormat(%j) sees offsets: %s', (values, hasOffset) => {
  expect(sniffDateFormat(values).hasOffset).toBe(hasOffset);
});

test.each([
  // [values, excelSerial, failures]
  [['45359.5', '45360', '40000'], true, 0],
  [['45359.5', '45360', 'n/a'], true, 1],
  [['45359', '2024-03-08'], false, 1],
  [['45359', '19970101'], false, 1],
  [['123', '456'], false, 2],
  [['90000'], false, 1],
  [[], false, 0],
] as const)('sniffDateFormat(%j) sees Excel serials: %s, failures %i', (values, excelSerial, failures) => {
  const sniff = sniffDateFormat(values);
  expect(sniff.excelSerial).toBe(excelSerial);
  expect(sniff.failures).toBe(failures);
  expect(sniff.order).toBeNull();
});

test('an Excel column is described as one', () => {
  expect(sniffDateFormat(['45359.5', '45360']).description).toBe('45359.5 (Excel serial date)');
});

test('the first three failing values are kept as examples, as written', () => {
  const sniff = sniffDateFormat(['a', ' b ', 'c', 'd', '2024-03-08']);
  expect(sniff.failures).toBe(4);
  expect(sniff.examples).toEqual(['a', ' b ', 'c']);
  expect(sniff.description).toBe('2024-03-08');
});
