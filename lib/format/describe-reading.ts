import type { FileReading, ValueBasis } from '../engines/ingest/types';
import { currencyReadingWords } from './currency-question';

const DATE_ORDER_WORDS = { 'day-first': 'Day/Month/Year', 'month-first': 'Month/Day/Year' } as const;

function delimiterWords(delimiter: string | null): string {
  if (delimiter === null) return 'none (a workbook)';
  if (delimiter === '\t') return 'tab';
  if (delimiter === ' ') return 'spaces';
  return `“${delimiter}”`;
}

/**
 * How an order's value is taken, on the value basis: the reading's rule says how refunds are
 * deducted (net, the default); counted gross, the refunds it names are not deducted.
 */
export function describeValueRule(rule: string, valueBasis: ValueBasis = 'net'): string {
  if (valueBasis === 'net') return rule;
  const refundColumn = /, less its ("[^"]*")/.exec(rule)?.[1];
  const base = rule.replace(/, less its "[^"]*"/, '').replace(/; Refund lines are refunds$/, '');
  return `${base}; counted gross: refunds${refundColumn ? ` (${refundColumn})` : ''} are not deducted`;
}

/** How the file was read, each setting with how it was decided, as label / value pairs; the value rule follows the value basis. */
export function describeReading(reading: FileReading, valueBasis: ValueBasis = 'net'): { label: string; value: string }[] {
  return [
    { label: 'Layout', value: reading.layoutLabel },
    {
      label: 'Format',
      value:
        reading.format === 'xlsx'
          ? `Excel workbook, sheet “${reading.sheet ?? ''}”${reading.sheets.length > 1 ? ` of ${reading.sheets.length}` : ''}`
          : `${reading.encoding?.toUpperCase() ?? 'text'} (${reading.encodingReason})`,
    },
    { label: 'Delimiter', value: delimiterWords(reading.delimiter) },
    ...(reading.titleLines > 0 ? [{ label: 'Title lines skipped', value: String(reading.titleLines) }] : []),
    ...(reading.headerless ? [{ label: 'Header', value: 'none in the file; columns named by their contents' }] : []),
    {
      label: 'Decimal separator',
      value: `“${reading.decimalSeparator}”${reading.thousandsSeparator ? `, thousands “${reading.thousandsSeparator === '\u00a0' || reading.thousandsSeparator === ' ' ? 'space' : reading.thousandsSeparator}”` : ''}`,
    },
    {
      label: 'Date order',
      value: `${reading.dateOrder ? `${DATE_ORDER_WORDS[reading.dateOrder]} (${reading.dateOrderReason})` : reading.dateOrderReason}; dates like ${reading.dateForm}`,
    },
    { label: 'Time zone', value: reading.timeZone ? `${reading.timeZone} (${reading.timeZoneReason})` : reading.timeZoneReason },
    { label: 'Currency', value: currencyReadingWords({ currency: reading.currency, reason: reading.currencyReason }) },
    { label: 'Value', value: describeValueRule(reading.valueRule, valueBasis) },
  ];
}
