import { briefList } from '../brief-list';
import { releaseArrays } from '../release-arrays';
import { EngineError } from '../errors';
import { sniffDateFormat, parseDateTime, type DateOrder, type DateSniff } from './date-format';
import { Dictionary } from './dictionary';
import { ADJUSTMENT, CREDIT_NOTE, SUMMARY_LINE, readLineType, readStatus } from './line-vocabulary';
import { conventionalFormat, parseNumber, sniffNumberFormat, type NumberFormat } from './number-format';
import { parseCustomerId } from './parse-customer-id';
import type { RawLines } from './raw-columns';
import { readingQuestionMessage } from '../reading-question-message';
import { ianaZoneFromName, instantToZoneWallClock, isValidTimeZone } from './time-zone';
import {
  KIND_ADJUSTMENT,
  KIND_NOT_PAID,
  KIND_PURCHASE,
  KIND_RETURN,
  LINE_KINDS,
  UNREADABLE_REASONS,
  type ColumnFailure,
  type DecimalSeparatorSetting,
  type TransactionField,
  type TransactionTable,
  type UnreadableReason,
} from './types';
import { DAY_MS } from '../calendar';

/** Dates before this are typing errors or placeholders (0001-01-01), not purchases. */
export const EARLIEST_PLAUSIBLE_DATE = Date.UTC(1990, 0, 1);
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const ORDER_FIELDS: readonly TransactionField[] = [
  'customerId', 'email', 'invoiceDate', 'invoiceTime', 'timeZone', 'orderTotal', 'refundAmount', 'status', 'cancelledAt', 'country', 'currency',
];
const CURRENCY_CODE = /^[A-Za-z]{3}$/;
/** The columns the per-line loop of interpretLines reads; the codes of the others are released before it. */
const LOOP_FIELDS: readonly TransactionField[] = ['quantity', 'unitPrice', 'amount', 'orderTotal', 'refundAmount', 'invoiceDate', 'status', 'cancelledAt', 'lineType', 'reference'];

export interface InterpretOptions {
  dateOrder?: DateOrder;
  decimalSeparator?: DecimalSeparatorSetting;
  timeZone?: string;
  currency?: string;
  now?: number;
  maxCustomerIdLength: number;
  maxFieldLength: number;
  /** Header name of each mapped field, for messages. */
  headers: Partial<Record<TransactionField, string>>;
}

export interface InterpretResult {
  table: TransactionTable;
  /** True when the column mapped as order total varied within orders and was read as line amounts. */
  orderTotalIsLineAmount: boolean;
  numberFormat: NumberFormat;
  dateSniff: DateSniff;
  dateOrder: DateOrder | null;
  dateOrderReason: string;
  timeZone: string | null;
  timeZoneReason: string;
  currency: string | null;
  currencyReason: string;
  unreadable: Record<UnreadableReason, number>;
  failures: ColumnFailure[];
  statuses: { value: string; lines: number; kind: (typeof LINE_KINDS)[number] }[];
  invalidByteLines: number;
  controlCharacterLines: number;
  truncatedFields: number;
  warnings: string[];
}

interface CleanValues {
  values: string[];
  /** 1 where the raw value held control characters (removed). */
  control: Uint8Array;
  /** 1 where the raw value held U+FFFD (bytes not valid in the file's encoding). */
  invalid: Uint8Array;
}

function cleanValues(values: readonly string[]): CleanValues {
  const control = new Uint8Array(values.length);
  const invalid = new Uint8Array(values.length);
  const out = new Array<string>(values.length);
  for (let v = 0; v < values.length; v++) {
    let text = values[v];
    if (HAS_CONTROL.test(text)) {
      control[v] = 1;
      text = text.replace(CONTROL, '');
    }
    if (text.includes('\uFFFD')) invalid[v] = 1;
    out[v] = text.trim();
  }
  return { values: out, control, invalid };
}

function ambiguousDatesError(column: string, sniff: DateSniff, values: readonly string[]): EngineError {
  const examples = values.filter((v) => v.trim() !== '').slice(0, 3);
  return new EngineError('AMBIGUOUS_DATES', readingQuestionMessage('AMBIGUOUS_DATES', { column, examples }, 'cli'), {
    column,
    examples,
    description: sniff.description,
  });
}

function timeZoneNeededError(column: string, values: readonly string[]): EngineError {
  const examples = values.filter((v) => v.trim() !== '').slice(0, 3);
  return new EngineError('TIME_ZONE_NEEDED', readingQuestionMessage('TIME_ZONE_NEEDED', { column, examples }, 'cli'), { column, examples });
}

/**
 * Turn raw text lines into typed transaction lines: sniff the date form and order, the number
 * format and the currency from each column's distinct values, parse every distinct value once,
 * carry order-level fields to the later lines of an order (Shopify), and decide what each line
 * is (purchase, return, adjustment, not paid) from its status, line type, number and sign.
 * Throws AMBIGUOUS_DATES when the date order cannot be told and no order is given, and
 * TIME_ZONE_NEEDED when the times are UTC instants (a UTC column, or only Z / +00:00 offsets) and
 * no time zone is given: the store's calendar cannot be known from the file.
 * `raw` is consumed: its arrays are released (releaseArrays) as soon as they have been read, most
 * of them before the table's per-line arrays are allocated, so the two are never both whole in
 * memory; the caller reads nothing of `raw` but its length afterwards.
 */
export function interpretLines(raw: RawLines, options: InterpretOptions): InterpretResult {
  const n = raw.length;
  const c = { ...raw.columns };
  const headers = { ...options.headers };
  const warnings: string[] = [];
  const cleaned: Partial<Record<TransactionField, CleanValues>> = {};
  for (const [field, column] of Object.entries(c) as [TransactionField, NonNullable<(typeof c)[TransactionField]>][]) {
    cleaned[field] = cleanValues(column.values);
  }
  const text = (field: TransactionField, line: number): string => {
    const column = c[field];
    return column ? cleaned[field]!.values[column.codes[line]] : '';
  };

  // Invoices: the file's order numbers, or one order per line.
  const invoices = new Dictionary();
  const invoice = new Int32Array(n);
  const invoiceColumn = c.invoice;
  const ordersNumbered = invoiceColumn !== undefined;
  if (invoiceColumn) {
    const rawToInvoice = new Int32Array(invoiceColumn.values.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const code = invoiceColumn.codes[i];
      const value = cleaned.invoice!.values[code];
      if (value === '') invoice[i] = invoices.code(`line ${raw.line[i]}`);
      else {
        if (rawToInvoice[code] < 0) rawToInvoice[code] = invoices.code(value.slice(0, options.maxFieldLength));
        invoice[i] = rawToInvoice[code];
      }
    }
  } else {
    for (let i = 0; i < n; i++) invoice[i] = invoices.code(`line ${raw.line[i]}`);
  }

  // A "Total" that differs between the lines of one order is each line's amount, not the order's total.
  let orderTotalIsLineAmount = false;
  if (c.orderTotal && !c.amount && invoiceColumn) {
    const firstCode = new Int32Array(invoices.size).fill(-1);
    const values = cleaned.orderTotal!.values;
    for (let i = 0; i < n && !orderTotalIsLineAmount; i++) {
      const code = c.orderTotal.codes[i];
      if (values[code] === '') continue;
      if (firstCode[invoice[i]] < 0) firstCode[invoice[i]] = code;
      else if (values[firstCode[invoice[i]]] !== values[code]) orderTotalIsLineAmount = true;
    }
    if (orderTotalIsLineAmount) {
      c.amount = c.orderTotal;
      cleaned.amount = cleaned.orderTotal;
      headers.amount = headers.orderTotal;
      delete c.orderTotal;
      delete cleaned.orderTotal;
      delete headers.orderTotal;
      warnings.push(`The column "${headers.amount}" differs between the lines of one order, so it was read as each line's amount.`);
    }
  }

  // Later lines of an order with no date of their own take the order's fields from its first dated line.
  const source = new Int32Array(n);
  const dateColumn = c.invoiceDate!;
  const head = new Int32Array(invoices.size).fill(-1);
  for (let i = 0; i < n; i++) {
    if (head[invoice[i]] < 0 && cleaned.invoiceDate!.values[dateColumn.codes[i]] !== '') head[invoice[i]] = i;
  }
  for (let i = 0; i < n; i++) {
    const h = head[invoice[i]];
    if (invoiceColumn && h >= 0 && h !== i && cleaned.invoiceDate!.values[dateColumn.codes[i]] === '') {
      source[i] = h;
    } else source[i] = i;
  }
  const orderScope = new Set(ORDER_FIELDS);
  const at = (field: TransactionField, line: number) => (orderScope.has(field) ? source[line] : line);

  // Numbers: one format for every money column, sniffed from their distinct values.
  const moneyFields: TransactionField[] = ['unitPrice', 'amount', 'orderTotal', 'refundAmount'];
  // A loop, not push(...values): a column can hold millions of distinct amounts.
  const moneyValues: string[] = [];
  for (const field of moneyFields) for (const v of cleaned[field]?.values ?? []) if (v !== '') moneyValues.push(v);
  const numberSniff = sniffNumberFormat(moneyValues);
  const numberFormat: NumberFormat =
    options.decimalSeparator && options.decimalSeparator !== numberSniff.format.decimal ? conventionalFormat(options.decimalSeparator) : numberSniff.format;
  const numbers: Partial<Record<TransactionField, Float64Array>> = {};
  for (const field of ['quantity', ...moneyFields] as TransactionField[]) {
    const values = cleaned[field]?.values;
    if (!values) continue;
    numbers[field] = Float64Array.from(values, (v) => (v === '' ? NaN : parseNumber(v, numberFormat)));
  }

  // Dates: form and order sniffed from the distinct values; a separate time column is joined on.
  const dateValues = cleaned.invoiceDate!.values;
  const dateSniff = sniffDateFormat(dateValues.filter((v) => v !== ''));
  let dateOrder: DateOrder | null;
  let dateOrderReason: string;
  if (options.dateOrder) {
    dateOrder = options.dateOrder;
    dateOrderReason = 'given as an option';
  } else if (dateSniff.order === 'ambiguous') {
    throw ambiguousDatesError(headers.invoiceDate ?? 'date', dateSniff, dateValues);
  } else if (dateSniff.order === 'day-first' || dateSniff.order === 'month-first') {
    dateOrder = dateSniff.order;
    dateOrderReason = `detected: ${dateSniff.evidence.slice(0, 3).join(', ')} can only be ${dateOrder === 'day-first' ? 'day/month' : 'month/day'}`;
  } else if (dateSniff.conflict) {
    // Read as most of the values that tell show; the others cannot be read and are counted as bad dates.
    dateOrder = dateSniff.readOrder;
    const { dayFirst, monthFirst } = dateSniff.votes;
    dateOrderReason =
      `the column mixes day-first dates (${dateSniff.evidence[0]}) and month-first ones (${dateSniff.evidence[1]}): ` +
      `${dayFirst.toLocaleString('en-US')} distinct dates can only be read day first, ${monthFirst.toLocaleString('en-US')} only month first`;
  } else {
    dateOrder = null;
    dateOrderReason = 'not needed: no date is written day/month or month/day';
  }
  if (dateSniff.conflict && !options.dateOrder) warnings.push(`The column "${headers.invoiceDate}" mixes day-first and month-first dates; lines that fit neither reading were counted as bad dates.`);

  // Time zone: an option converts instants (offsets, Z, a UTC column) to the store's calendar.
  let zoneFromColumn: string | null = null;
  if (c.timeZone) {
    const names = new Set(cleaned.timeZone!.values.filter((v) => v !== ''));
    const zones = new Set([...names].map((name) => ianaZoneFromName(name)));
    if (zones.size === 1) zoneFromColumn = [...zones][0] ?? null;
  }
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    throw new EngineError('INVALID_OPTION', `"${options.timeZone}" is not a time zone name; give an IANA name such as Europe/London or America/New_York.`);
  }
  const utcColumn = /utc|gmt/i.test(headers.invoiceDate ?? '') && !dateSniff.hasOffset;
  let timeZone: string | null;
  let timeZoneReason: string;
  if (options.timeZone) {
    timeZone = options.timeZone;
    timeZoneReason = dateSniff.hasOffset || utcColumn ? 'given as an option: the file\'s timestamps were moved to its calendar' : 'given as an option (the file\'s times are local already)';
  } else if (utcColumn || dateSniff.utcOffsetsOnly) {
    throw timeZoneNeededError(headers.invoiceDate ?? 'date', dateValues);
  } else if (dateSniff.hasOffset) {
    timeZone = null;
    timeZoneReason = 'the offsets written in the file: each day is the calendar day where the purchase was recorded';
  } else if (zoneFromColumn) {
    timeZone = zoneFromColumn;
    timeZoneReason = 'the file\'s time zone column; times are local already';
  } else {
    timeZone = null;
    timeZoneReason = 'none needed: the file\'s times are local (no offsets)';
  }

  const parseOptions = { order: dateOrder ?? 'month-first', timeZone: options.timeZone, excelSerial: dateSniff.excelSerial } as const;
  // Times in a UTC column carry no offset: they are moved to the store's zone here, once per distinct value.
  const utcToZone = utcColumn && options.timeZone ? options.timeZone : null;
  const parse = (value: string): number => {
    const ms = parseDateTime(value, parseOptions);
    return utcToZone !== null && Number.isFinite(ms) ? instantToZoneWallClock(ms, utcToZone) : ms;
  };
  const dateOf = new Float64Array(dateValues.length);
  for (let v = 0; v < dateValues.length; v++) dateOf[v] = dateValues[v] === '' ? NaN : parse(dateValues[v]);
  const timeColumn = c.invoiceTime;
  const joined = new Map<number, number>();
  const lineDate = (line: number): number => {
    const s = source[line];
    const dateCode = dateColumn.codes[s];
    if (!timeColumn) return dateOf[dateCode];
    const timeCode = timeColumn.codes[s];
    const key = dateCode * cleaned.invoiceTime!.values.length + timeCode;
    let ms = joined.get(key);
    if (ms === undefined) {
      const time = cleaned.invoiceTime!.values[timeCode];
      ms = dateValues[dateCode] === '' ? NaN : parse(time === '' ? dateValues[dateCode] : `${dateValues[dateCode]} ${time}`);
      joined.set(key, ms);
    }
    return ms;
  };

  // Customers: the id column, else the e-mail (lower-cased); ids are never cut into each other.
  const keyField: TransactionField = c.customerId ? 'customerId' : 'email';
  const keyColumn = c[keyField]!;
  const customers = new Dictionary();
  const rawToCustomer = new Int32Array(keyColumn.values.length);
  const keyValues = cleaned[keyField]!.values;
  for (let v = 0; v < keyValues.length; v++) {
    const id = keyField === 'email' ? (keyValues[v] === '' ? null : keyValues[v].toLowerCase()) : parseCustomerId(keyValues[v]);
    if (id === null) rawToCustomer[v] = -1;
    else if (id.length > options.maxCustomerIdLength) rawToCustomer[v] = -2;
    else rawToCustomer[v] = customers.code(id);
  }

  // Per line, the date and the customer (-2 while an id is too long, see the loop), and what the
  // loop would read of the columns it does not need otherwise (the texts of a summary line, the
  // damaged values), so that those columns can be released before the per-line arrays exist.
  const date = new Float64Array(n);
  for (let i = 0; i < n; i++) date[i] = lineDate(i);
  const customer = new Int32Array(n);
  for (let i = 0; i < n; i++) customer[i] = rawToCustomer[keyColumn.codes[source[i]]];
  const mapped = Object.keys(c) as TransactionField[];
  let summaryLine: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (raw.brokenQuote[i] || Number.isFinite(date[i])) continue;
    if (mapped.some((field) => SUMMARY_LINE.test(text(field, i)))) (summaryLine ??= new Uint8Array(n))[i] = 1;
  }
  let invalidByteLines = 0;
  let controlCharacterLines = 0;
  // Only columns holding a damaged value are looked at line by line (usually none).
  const damaged = mapped
    .filter((field) => cleaned[field]!.invalid.includes(1) || cleaned[field]!.control.includes(1))
    .map((field) => ({ codes: c[field]!.codes, invalid: cleaned[field]!.invalid, control: cleaned[field]!.control }));
  if (damaged.length > 0) {
    for (let i = 0; i < n; i++) {
      let invalid = false;
      let control = false;
      for (const d of damaged) {
        const code = d.codes[i];
        if (d.invalid[code]) invalid = true;
        if (d.control[code]) control = true;
      }
      if (invalid) invalidByteLines++;
      if (control) controlCharacterLines++;
    }
  }

  // Text columns: cleaned, cut to the longest field kept.
  let truncatedFields = 0;
  const textDictionary = (field: TransactionField): { codes: Int32Array; values: string[] } => {
    const out = new Dictionary();
    const column = c[field];
    if (!column) {
      out.code('');
      return { codes: new Int32Array(n), values: out.values };
    }
    const map = Int32Array.from(cleaned[field]!.values, (v) => {
      if (v.length > options.maxFieldLength) {
        truncatedFields++;
        return out.code(v.slice(0, options.maxFieldLength));
      }
      return out.code(v);
    });
    const codes = new Int32Array(n);
    const scope = orderScope.has(field);
    for (let i = 0; i < n; i++) codes[i] = map[column.codes[scope ? source[i] : i]];
    return { codes, values: out.values };
  };
  const stock = textDictionary('stockCode');
  const description = textDictionary('description');
  const country = textDictionary('country');
  const loopCodes = new Set(LOOP_FIELDS.map((field) => c[field]?.codes));
  releaseArrays(raw.line, ...mapped.map((field) => c[field]!.codes).filter((codes) => !loopCodes.has(codes)));

  // Currency: option, else a currency column with one value, else the symbols in the amounts.
  let currency: string | null = null;
  let currencyReason = 'not stated in the file';
  if (options.currency) {
    currency = options.currency.toUpperCase();
    currencyReason = 'given as an option';
  } else if (c.currency) {
    const codes = new Set(cleaned.currency!.values.filter((v) => CURRENCY_CODE.test(v)).map((v) => v.toUpperCase()));
    if (codes.size === 1) {
      currency = [...codes][0];
      currencyReason = `the file's "${headers.currency}" column`;
    } else if (codes.size > 1) {
      currencyReason = `the "${headers.currency}" column names several currencies (${briefList([...codes])}); amounts were added as they are`;
      warnings.push(`The file mixes currencies (${briefList([...codes])}); amounts are added without conversion.`);
    }
  }
  if (currency === null && !options.currency) {
    if (numberSniff.currency) {
      currency = numberSniff.currency;
      currencyReason = `the symbols in the amounts (${numberSniff.currencySymbol ?? numberSniff.currency})`;
    } else if (numberSniff.currencySymbol) {
      currency = numberSniff.currencySymbol;
      currencyReason = `the amounts are written with "${numberSniff.currencySymbol}", which several currencies use; give the currency to name it`;
    }
  }

  // Per line: kind, value, date, customer, and why a line could not be read.
  const kind = new Uint8Array(n);
  const amount = new Float64Array(n);
  const quantity = new Float64Array(n);
  const unitPrice = new Float64Array(n);
  const unreadable = new Uint8Array(n);
  const orderTotal = new Float64Array(invoices.size).fill(NaN);
  const orderRefund = new Float64Array(invoices.size);
  const orderSeen = new Uint8Array(invoices.size);
  const unreadableCount = Object.fromEntries(UNREADABLE_REASONS.map((r) => [r, 0])) as Record<UnreadableReason, number>;
  const failureExamples = new Map<TransactionField, { lines: number; examples: string[] }>();
  const fail = (field: TransactionField, line: number) => {
    let entry = failureExamples.get(field);
    if (!entry) failureExamples.set(field, (entry = { lines: 0, examples: [] }));
    entry.lines++;
    const value = c[field] ? c[field]!.values[c[field]!.codes[at(field, line)]] : '';
    if (entry.examples.length < 3 && !entry.examples.includes(value)) entry.examples.push(value);
  };
  const statusCounts = new Map<string, { lines: number; kind: number }>();
  const hasAmount = c.amount !== undefined;
  const hasOrderTotal = c.orderTotal !== undefined;
  const latest = options.now !== undefined ? Math.floor(options.now / DAY_MS) * DAY_MS + 2 * DAY_MS : Infinity;
  const referenceLookup = c.reference ? new Map(invoices.values.map((v, k) => [v, k])) : null;
  // Allocated after the loop, once the columns are released, unless the loop fills it.
  const referred = referenceLookup ? new Int32Array(n).fill(-1) : null;
  // Typed views of the numeric columns, so the loop below does no lookups by field name.
  const noCodes = new Int32Array(0);
  const view = (field: TransactionField) => ({ codes: c[field]?.codes ?? noCodes, values: numbers[field] ?? new Float64Array(0), present: c[field] !== undefined });
  const qv = view('quantity');
  const pv = view('unitPrice');
  const av = view('amount');
  const tv = view('orderTotal');
  const rv = view('refundAmount');

  const FORM_UNKNOWN = 255;
  const invoiceForm = new Uint8Array(invoices.size).fill(FORM_UNKNOWN);
  for (let i = 0; i < n; i++) {
    const q = qv.present ? qv.values[qv.codes[i]] : NaN;
    const p = pv.present ? pv.values[pv.codes[i]] : NaN;
    quantity[i] = q;
    unitPrice[i] = p;
    const value = hasAmount ? av.values[av.codes[i]] : q * p;
    amount[i] = value;
    const o = invoice[i];
    if (!orderSeen[o]) {
      orderSeen[o] = 1;
      const s = source[i];
      if (hasOrderTotal) orderTotal[o] = tv.values[tv.codes[s]];
      const refund = rv.present ? rv.values[rv.codes[s]] : NaN;
      orderRefund[o] = Number.isFinite(refund) ? Math.abs(refund) : 0;
    }
    const rawCustomer = customer[i];
    customer[i] = rawCustomer >= 0 ? rawCustomer : -1;

    let k = KIND_PURCHASE;
    if (c.status) {
      const status = text('status', source[i]);
      const reading = readStatus(status);
      if (reading.kind === KIND_NOT_PAID) k = KIND_NOT_PAID;
      // "Refunded" with no refunded amount in the file: the whole order was refunded.
      if (reading.refundedInFull && !c.refundAmount) orderRefund[o] = Infinity;
      const key = status.toLowerCase();
      const entry = statusCounts.get(key);
      if (entry) entry.lines++;
      else statusCounts.set(key, { lines: 1, kind: reading.known ? reading.kind : -1 });
    }
    if (c.cancelledAt && text('cancelledAt', source[i]) !== '') k = KIND_NOT_PAID;
    if (c.lineType && k === KIND_PURCHASE) k = readLineType(text('lineType', i)).kind;
    if (k === KIND_PURCHASE && ordersNumbered) {
      // The order number's form is tested once per order, not once per line.
      let form = invoiceForm[o];
      if (form === FORM_UNKNOWN) {
        const invoiceText = invoices.values[o];
        form = invoiceForm[o] = CREDIT_NOTE.test(invoiceText) ? KIND_RETURN : ADJUSTMENT.test(invoiceText) ? KIND_ADJUSTMENT : KIND_PURCHASE;
      }
      k = form;
    }
    const negative = hasAmount ? value < 0 : hasOrderTotal ? orderTotal[o] < 0 : false;
    if (k === KIND_PURCHASE && (negative || q < 0)) k = KIND_RETURN;
    kind[i] = k;
    if (referenceLookup && k === KIND_RETURN) {
      const target = referenceLookup.get(text('reference', i));
      if (target !== undefined) referred![i] = target;
    }

    let reason: UnreadableReason | null = null;
    if (raw.brokenQuote[i]) reason = 'brokenQuote';
    else if (!Number.isFinite(date[i])) {
      const summary = summaryLine !== null && summaryLine[i] === 1;
      if (summary && customer[i] < 0) reason = 'summaryLine';
      else {
        reason = 'badDate';
        fail('invoiceDate', i);
      }
    } else if (date[i] < EARLIEST_PLAUSIBLE_DATE || date[i] >= latest) reason = 'implausibleDate';
    else if (hasAmount ? !Number.isFinite(value) : hasOrderTotal ? !Number.isFinite(orderTotal[o]) : !Number.isFinite(q) || !Number.isFinite(p)) {
      reason = 'badNumber';
      if (hasAmount) fail('amount', i);
      else if (hasOrderTotal) fail('orderTotal', i);
      else fail(Number.isFinite(q) ? 'unitPrice' : 'quantity', i);
    } else if (rawCustomer === -2) reason = 'customerIdTooLong';
    if (reason !== null) {
      unreadable[i] = UNREADABLE_REASONS.indexOf(reason) + 1;
      unreadableCount[reason]++;
    }
  }

  releaseArrays(source, raw.brokenQuote, ...[...loopCodes]);
  const refersTo = referred ?? new Int32Array(n).fill(-1);

  // Orders whose status alone says "refunded": the refund is the order's whole value.
  if (orderRefund.includes(Infinity)) {
    const lineSum = new Float64Array(invoices.size);
    for (let i = 0; i < n; i++) if (kind[i] === KIND_PURCHASE && amount[i] > 0) lineSum[invoice[i]] += amount[i];
    for (let o = 0; o < invoices.size; o++) {
      if (orderRefund[o] === Infinity) orderRefund[o] = Number.isFinite(orderTotal[o]) ? Math.max(0, orderTotal[o]) : lineSum[o];
    }
  }

  const unknownStatuses = [...statusCounts.entries()].filter(([value, s]) => s.kind === -1 && value !== '');
  if (unknownStatuses.length > 0) {
    warnings.push(
      `Status values not recognised, read as paid: ${briefList(unknownStatuses.map(([value]) => value), (value, i) => `"${value}" (${unknownStatuses[i][1].lines === 1 ? '1 line' : `${unknownStatuses[i][1].lines.toLocaleString('en-US')} lines`})`)}.`,
    );
  }
  const statuses = [...statusCounts.entries()]
    .map(([value, s]) => ({ value, lines: s.lines, kind: LINE_KINDS[s.kind === -1 ? KIND_PURCHASE : s.kind] }))
    .sort((a, b) => b.lines - a.lines);
  const failures: ColumnFailure[] = [...failureExamples.entries()]
    .map(([field, f]) => ({ field, column: headers[field] ?? field, lines: f.lines, examples: f.examples }))
    .sort((a, b) => b.lines - a.lines);

  const table: TransactionTable = {
    length: n,
    invoice,
    invoices: invoices.values,
    stockCode: stock.codes,
    stockCodes: stock.values,
    description: description.codes,
    descriptions: description.values,
    quantity,
    unitPrice,
    amount,
    orderTotal,
    orderRefund,
    kind,
    refersTo,
    date,
    customer,
    customers: customers.values,
    country: country.codes,
    countries: country.values,
    unreadable,
    lineItems: c.stockCode !== undefined || c.description !== undefined,
    ordersNumbered,
  };
  return {
    table,
    orderTotalIsLineAmount,
    numberFormat,
    dateSniff,
    dateOrder,
    dateOrderReason,
    timeZone,
    timeZoneReason,
    currency,
    currencyReason,
    unreadable: unreadableCount,
    failures,
    statuses,
    invalidByteLines,
    controlCharacterLines,
    truncatedFields,
    warnings,
  };
}
