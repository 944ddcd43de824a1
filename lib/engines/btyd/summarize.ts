import { EngineError } from '../errors';
import { assertTimeUnit, daysToUnit } from './time-unit';
import type { CustomerSummary, PurchaseColumns, SummarizeOptions } from './types';

function validateColumns(purchases: PurchaseColumns, nCustomers: number): void {
  const { customer, day, value } = purchases;
  if (day.length !== customer.length || value.length !== customer.length) {
    throw new EngineError(
      'INVALID_INPUT',
      `customer, day and value must have the same length (got ${customer.length}, ${day.length}, ${value.length}).`,
    );
  }
  for (let i = 0; i < customer.length; i++) {
    const c = customer[i];
    if (c < 0 || c >= nCustomers) {
      throw new EngineError('INVALID_INPUT', `Purchase line ${i} has customer index ${c}, outside 0..${nCustomers - 1}.`, { row: i });
    }
    if (!Number.isFinite(day[i])) throw new EngineError('INVALID_INPUT', `Purchase line ${i} has a missing or non-finite day.`, { row: i });
    if (!Number.isFinite(value[i])) throw new EngineError('INVALID_INPUT', `Purchase line ${i} has a missing or non-finite value.`, { row: i });
  }
}

function validateOptions(options: SummarizeOptions): void {
  assertTimeUnit(options.unit);
  if (!Number.isInteger(options.nCustomers) || options.nCustomers < 1) {
    throw new EngineError('INVALID_OPTION', `nCustomers must be a whole number of at least 1, got ${options.nCustomers}.`);
  }
  if (!Number.isFinite(options.observationEnd)) {
    throw new EngineError('INVALID_OPTION', 'observationEnd must be a finite day number.');
  }
  if (options.calibrationEnd !== undefined) {
    if (!Number.isFinite(options.calibrationEnd)) throw new EngineError('INVALID_OPTION', 'calibrationEnd must be a finite day number.');
    if (Math.ceil(options.calibrationEnd) >= Math.ceil(options.observationEnd)) {
      throw new EngineError('INVALID_OPTION', 'calibrationEnd must fall on an earlier day than observationEnd, leaving a holdout period.');
    }
  }
}

/** Row indices grouped by customer (counting sort) and ordered by calendar day within each customer. */
function orderByCustomerAndDay(customer: Int32Array, calendarDay: Float64Array, nCustomers: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(nCustomers + 1);
  for (let i = 0; i < customer.length; i++) start[customer[i] + 1]++;
  for (let c = 0; c < nCustomers; c++) start[c + 1] += start[c];
  const cursor = start.slice(0, nCustomers);
  const order = new Int32Array(customer.length);
  for (let i = 0; i < customer.length; i++) order[cursor[customer[i]]++] = i;
  const byDay = (i: number, j: number) => calendarDay[i] - calendarDay[j];
  for (let c = 0; c < nCustomers; c++) if (start[c + 1] - start[c] > 1) order.subarray(start[c], start[c + 1]).sort(byDay);
  return { order, start };
}

/**
 * Per-customer frequency / recency / age and spend from purchase lines.
 *
 * Day conventions: purchases are merged per calendar (UTC) day, floor(day), and each purchase
 * day counts as happening at the end of that day. Period ends are whole-day boundaries
 * (fractional ends are rounded up, so the day they fall in is included): a purchase on calendar
 * day D is in calibration when D < calibrationEnd and in holdout when
 * calibrationEnd <= D < observationEnd; later lines are ignored and counted.
 * Hence tx = lastDay - firstDay and T = periodEnd - (firstDay + 1), divided by 7 for weeks.
 * With CDNOW, calibrationEnd = 1997-10-01 (39 weeks after 1997-01-01) gives T = 38.86 weeks
 * for a first purchase on 1997-01-01, the published summary.
 * @example
 * const summary = summarizeCustomers(
 *   { customer: Int32Array.of(0, 0), day: Float64Array.of(10, 17), value: Float64Array.of(5, 7) },
 *   { nCustomers: 1, observationEnd: 31, unit: 'days' },
 * );
 * summary.x[0]; // 1 repeat purchase, tx 7 days, T 20 days
 */
export function summarizeCustomers(purchases: PurchaseColumns, options: SummarizeOptions): CustomerSummary {
  validateOptions(options);
  const { nCustomers, unit } = options;
  validateColumns(purchases, nCustomers);
  const observationEnd = Math.ceil(options.observationEnd);
  const calibrationEnd = options.calibrationEnd === undefined ? null : Math.ceil(options.calibrationEnd);
  const periodEnd = calibrationEnd ?? observationEnd;

  const lines = purchases.customer.length;
  const calendarDay = new Float64Array(lines);
  for (let i = 0; i < lines; i++) calendarDay[i] = Math.floor(purchases.day[i]);
  const { order, start } = orderByCustomerAndDay(purchases.customer, calendarDay, nCustomers);

  const rows = {
    customer: new Int32Array(nCustomers),
    x: new Float64Array(nCustomers),
    tx: new Float64Array(nCustomers),
    T: new Float64Array(nCustomers),
    firstPurchaseDay: new Float64Array(nCustomers),
    meanRepeatValue: new Float64Array(nCustomers),
    spendX: new Float64Array(nCustomers),
    meanValue: new Float64Array(nCustomers),
    holdoutPurchases: new Float64Array(nCustomers),
    holdoutSpend: new Float64Array(nCustomers),
  };
  let count = 0;
  let excludedLateCustomers = 0;
  let customersWithoutPurchases = 0;
  let ignoredPurchases = 0;

  for (let c = 0; c < nCustomers; c++) {
    let firstDay = NaN;
    let lastDay = NaN;
    let periodDays = 0;
    let periodValue = 0;
    let holdoutDays = 0;
    let holdoutValue = 0;
    let previousDay = NaN;
    // Repeat days of positive value: a zero-value order is a purchase, but it says nothing about spend.
    let dayValue = 0;
    let spendDays = 0;
    let spendValue = 0;
    const closeDay = () => {
      if (previousDay !== firstDay && previousDay < periodEnd && dayValue > 0) {
        spendDays++;
        spendValue += dayValue;
      }
    };
    for (let k = start[c]; k < start[c + 1]; k++) {
      const row = order[k];
      const d = calendarDay[row];
      const v = purchases.value[row];
      if (d >= observationEnd) {
        ignoredPurchases++;
        continue;
      }
      const newDay = d !== previousDay;
      if (newDay && !Number.isNaN(previousDay)) closeDay();
      if (newDay) dayValue = 0;
      dayValue += v;
      previousDay = d;
      if (d < periodEnd) {
        if (Number.isNaN(firstDay)) firstDay = d;
        if (newDay) periodDays++;
        periodValue += v;
        lastDay = d;
      } else {
        if (newDay) holdoutDays++;
        holdoutValue += v;
      }
    }
    if (!Number.isNaN(previousDay)) closeDay();
    if (Number.isNaN(firstDay)) {
      if (holdoutDays > 0) excludedLateCustomers++;
      else customersWithoutPurchases++;
      continue;
    }
    const x = periodDays - 1;
    rows.customer[count] = c;
    rows.x[count] = x;
    rows.tx[count] = daysToUnit(lastDay - firstDay, unit);
    rows.T[count] = daysToUnit(periodEnd - (firstDay + 1), unit);
    rows.firstPurchaseDay[count] = firstDay;
    rows.meanValue[count] = periodValue / periodDays;
    rows.spendX[count] = spendDays;
    rows.meanRepeatValue[count] = spendDays > 0 ? spendValue / spendDays : 0;
    rows.holdoutPurchases[count] = holdoutDays;
    rows.holdoutSpend[count] = holdoutValue;
    count++;
  }
  if (count === 0) {
    throw new EngineError('NO_CUSTOMERS', 'No customer has a purchase before the end of the (calibration) period.');
  }

  return {
    unit,
    customer: rows.customer.slice(0, count),
    x: rows.x.slice(0, count),
    tx: rows.tx.slice(0, count),
    T: rows.T.slice(0, count),
    firstPurchaseDay: rows.firstPurchaseDay.slice(0, count),
    meanRepeatValue: rows.meanRepeatValue.slice(0, count),
    spendX: rows.spendX.slice(0, count),
    meanValue: rows.meanValue.slice(0, count),
    holdout:
      calibrationEnd === null
        ? null
        : {
            length: daysToUnit(observationEnd - calibrationEnd, unit),
            purchases: rows.holdoutPurchases.slice(0, count),
            spend: rows.holdoutSpend.slice(0, count),
          },
    periodEnd,
    observationEnd,
    calibrationEnd,
    excludedLateCustomers,
    customersWithoutPurchases,
    ignoredPurchases,
  };
}
