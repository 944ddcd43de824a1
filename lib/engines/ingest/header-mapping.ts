import { briefList } from '../brief-list';
import { EngineError } from '../errors';
import { TRANSACTION_FIELDS, TRANSACTION_FIELD_LABELS, type ColumnMapping, type TransactionField } from './types';

/**
 * Header names each field is recognised by, after normaliseHeader, in order of preference.
 * Platform exports (Shopify, WooCommerce, Stripe, Square) are covered by their own column names.
 */
const FIELD_ALIASES: Record<TransactionField, readonly string[]> = {
  invoice: [
    'invoiceno', 'invoice', 'invoicenumber', 'invoiceid', 'orderid', 'orderno', 'ordernumber', 'order', 'documentno',
    'documentnumber', 'transactionid', 'receiptno', 'receiptnumber', 'receiptid', 'ordername', 'salesorder', 'billno',
  ],
  stockCode: ['stockcode', 'sku', 'lineitemsku', 'productid', 'productcode', 'itemcode', 'itemno', 'itemnumber', 'itemid', 'articleno', 'article'],
  description: ['description', 'productname', 'productdescription', 'itemname', 'lineitemname', 'item', 'itemdescription', 'product', 'title'],
  quantity: ['quantity', 'qty', 'lineitemquantity', 'itemquantity', 'quantityordered', 'units'],
  invoiceDate: [
    'invoicedate', 'orderdate', 'date', 'datetime', 'timestamp', 'transactiondate', 'createdat', 'createddate', 'createddateutc',
    'created', 'createdutc', 'purchasedate', 'paymentdate', 'saledate', 'orderedat', 'orderdatetime',
  ],
  invoiceTime: ['time', 'ordertime', 'transactiontime', 'saletime'],
  timeZone: ['timezone', 'tz'],
  unitPrice: ['unitprice', 'price', 'itemprice', 'lineitemprice', 'itemcost', 'priceeach', 'unitpriceexvat'],
  amount: [
    'amount', 'netsales', 'lineamount', 'linetotal', 'ordervalue', 'value', 'salesamount', 'netamount', 'amountpaid', 'paidamount',
    'revenue', 'sales', 'totalamount', 'spend', 'monetary',
  ],
  orderTotal: ['total', 'ordertotal', 'grandtotal', 'ordertotalamount', 'totalprice'],
  refundAmount: ['refundedamount', 'amountrefunded', 'orderrefundamount', 'refundamount', 'refunded', 'refundtotal', 'totalrefunded'],
  status: ['financialstatus', 'orderstatus', 'paymentstatus', 'status', 'state'],
  lineType: ['type', 'eventtype', 'transactiontype', 'linetype', 'recordtype', 'kind'],
  cancelledAt: ['cancelledat', 'canceledat', 'cancelleddate', 'cancellationdate'],
  reference: ['reference', 'refundedtransaction', 'originaltransaction', 'originalorder', 'parenttransaction', 'relatedtransaction', 'refundof'],
  customerId: ['customerid', 'customer', 'customerno', 'customernumber', 'clientid', 'client', 'customercode', 'accountid', 'buyerid', 'shopperid'],
  email: ['email', 'customeremail', 'emailaddress', 'billingemail', 'buyeremail', 'mail'],
  country: ['country', 'countryname', 'billingcountry', 'shippingcountry', 'cardissuecountry', 'cardcountry', 'countrycode', 'market'],
  currency: ['currency', 'currencycode'],
};

/** Lower-case and drop spaces, underscores, dashes, dots, brackets and the like, so "Customer ID" matches "customer_id". */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-.()[\]#:/]+/g, '');
}

export interface Layout {
  id: string;
  label: string;
}

/** Which known export a header belongs to, by its tell-tale columns. */
export function detectLayout(normalised: readonly string[]): Layout {
  const has = (name: string) => normalised.includes(name);
  if (has('name') && has('financialstatus') && (has('lineitemname') || has('total'))) return { id: 'shopify-orders', label: 'Shopify orders export' };
  if (has('ordernumber') && has('orderstatus') && has('ordertotal')) return { id: 'woocommerce-orders', label: 'WooCommerce orders export' };
  if (has('amountrefunded') && (has('createddateutc') || has('createdutc') || has('created'))) return { id: 'stripe-payments', label: 'Stripe payments export' };
  if (has('eventtype') && has('netsales')) return { id: 'square-items', label: 'Square item details export' };
  const uci = ['invoiceno', 'stockcode', 'description', 'quantity', 'invoicedate', 'unitprice', 'customerid', 'country'];
  const uci2 = ['invoice', 'stockcode', 'description', 'quantity', 'invoicedate', 'price', 'customerid', 'country'];
  if (uci.every(has) || uci2.every(has)) return { id: 'uci-lines', label: 'Line-item log (UCI Online Retail layout)' };
  return { id: 'generic', label: '' };
}

/** Header names a layout reads differently from the generic aliases. */
const LAYOUT_ALIASES: Partial<Record<string, Partial<Record<TransactionField, readonly string[]>>>> = {
  // Shopify names an order "Name"; its customer is the Email.
  'shopify-orders': { invoice: ['name'], customerId: [] },
  // WooCommerce's Customer User ID is 0 for guests, who later register under the same e-mail: key on the e-mail.
  'woocommerce-orders': { customerId: [] },
};

/**
 * Find the column index of every field (-1 when absent), from an explicit mapping first (an
 * empty name says the file has none), the layout's own names second and the known aliases third. Throws MISSING_COLUMNS naming
 * what could not be found: a date, a customer (id or e-mail) and a value (amount, order total,
 * or quantity and unit price).
 */
export function resolveColumns(header: readonly string[], explicit: ColumnMapping = {}, layout?: Layout): Record<TransactionField, number> {
  const normalised = header.map(normaliseHeader);
  const result = {} as Record<TransactionField, number>;
  const used = new Set<number>();
  const chosenLayout = layout ?? detectLayout(normalised);

  for (const field of TRANSACTION_FIELDS) {
    const wanted = explicit[field];
    if (wanted === undefined) continue;
    // An empty choice says the file has no such column: it is not guessed either.
    if (wanted === '') {
      result[field] = -1;
      continue;
    }
    let index = header.indexOf(wanted);
    if (index < 0) index = normalised.indexOf(normaliseHeader(wanted));
    if (index < 0) {
      throw new EngineError(
        'MISSING_COLUMNS',
        `The column "${wanted}" chosen for ${TRANSACTION_FIELD_LABELS[field].toLowerCase()} is not in the file. The file's columns are: ${briefList(header)}.`,
        { field, column: wanted, header: [...header] },
      );
    }
    result[field] = index;
    used.add(index);
  }

  const overrides = LAYOUT_ALIASES[chosenLayout.id] ?? {};
  for (const field of TRANSACTION_FIELDS) {
    if (result[field] !== undefined) continue;
    result[field] = -1;
    const aliases = overrides[field] ?? FIELD_ALIASES[field];
    for (const alias of aliases) {
      const index = normalised.indexOf(alias);
      if (index >= 0 && !used.has(index)) {
        result[field] = index;
        used.add(index);
        break;
      }
    }
  }

  const missing: string[] = [];
  if (result.invoiceDate < 0) missing.push('the date');
  if (result.customerId < 0 && result.email < 0) missing.push('the customer (an id or e-mail column)');
  const hasValue = result.amount >= 0 || result.orderTotal >= 0 || (result.quantity >= 0 && result.unitPrice >= 0);
  if (!hasValue) missing.push('the value (an amount or order total column, or quantity and unit price)');
  if (missing.length > 0) {
    throw new EngineError(
      'MISSING_COLUMNS',
      `Could not find ${missing.join(', ')}. ` +
        `The file's columns are: ${header.length > 0 ? briefList(header, (h) => `"${h}"`) : '(none)'}. ` +
        'Choose them in the mapping step (or on the command line, for example --map customerId="Client Number").' +
        // U+FFFD stands for bytes the decoder could not read: a small file in another encoding (Shift-JIS) read as UTF-8.
        (header.some((name) => name.includes('\uFFFD'))
          ? ' Some column names hold characters that could not be read (shown as \uFFFD): the file may be in another encoding than UTF-8 or Windows-1252, such as Shift-JIS; save it as UTF-8 (in Excel: "CSV UTF-8") and upload it again.'
          : ''),
      {
        missing,
        header: [...header],
        resolved: Object.fromEntries(TRANSACTION_FIELDS.filter((f) => result[f] >= 0).map((f) => [f, header[result[f]]])),
      },
    );
  }
  return result;
}
