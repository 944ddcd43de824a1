import { EngineError } from '../errors';
import { REQUIRED_FIELDS, TRANSACTION_FIELDS, type ColumnMapping, type TransactionField } from './types';

const FIELD_ALIASES: Record<TransactionField, readonly string[]> = {
  invoice: ['invoiceno', 'invoice', 'invoicenumber', 'invoiceid', 'orderid', 'orderno', 'ordernumber', 'order'],
  stockCode: ['stockcode', 'sku', 'productid', 'productcode', 'itemcode', 'product'],
  description: ['description', 'productname', 'productdescription', 'itemname', 'item'],
  quantity: ['quantity', 'qty', 'units'],
  invoiceDate: ['invoicedate', 'orderdate', 'date', 'datetime', 'timestamp', 'transactiondate'],
  unitPrice: ['unitprice', 'price', 'itemprice'],
  customerId: ['customerid', 'customer', 'customerno', 'customernumber', 'clientid', 'client'],
  country: ['country', 'countryname', 'market'],
};

/** Lower-case and drop spaces, underscores, dashes and dots, so "Customer ID" matches "customer_id". */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-.]+/g, '');
}

/**
 * Find the column index of every canonical field, from an explicit mapping first and the
 * known aliases second. Throws MISSING_COLUMNS naming what could not be found.
 */
export function resolveColumns(header: readonly string[], explicit: ColumnMapping = {}): Record<TransactionField, number> {
  const normalised = header.map(normaliseHeader);
  const result = {} as Record<TransactionField, number>;
  const used = new Set<number>();

  for (const field of TRANSACTION_FIELDS) {
    const wanted = explicit[field];
    if (wanted === undefined || wanted === '') continue;
    let index = header.indexOf(wanted);
    if (index < 0) index = normalised.indexOf(normaliseHeader(wanted));
    if (index < 0) {
      throw new EngineError(
        'MISSING_COLUMNS',
        `The column "${wanted}" chosen for ${field} is not in the file. The file's columns are: ${header.join(', ')}.`,
        { field, column: wanted, header: [...header] },
      );
    }
    result[field] = index;
    used.add(index);
  }

  for (const field of TRANSACTION_FIELDS) {
    if (result[field] !== undefined) continue;
    result[field] = -1;
    for (const alias of FIELD_ALIASES[field]) {
      const index = normalised.indexOf(alias);
      if (index >= 0 && !used.has(index)) {
        result[field] = index;
        used.add(index);
        break;
      }
    }
  }

  const missing = REQUIRED_FIELDS.filter((field) => result[field] < 0);
  if (missing.length > 0) {
    throw new EngineError(
      'MISSING_COLUMNS',
      `Could not find the column${missing.length > 1 ? 's' : ''} for ${missing.join(', ')}. ` +
        `The file's columns are: ${header.length > 0 ? header.map((h) => `"${h}"`).join(', ') : '(none)'}. ` +
        'Map them explicitly (for example --map customerId="Client Number").',
      { missing, header: [...header] },
    );
  }
  return result;
}
