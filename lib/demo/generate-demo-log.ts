import { deriveSeed } from '../engines/clustering/derive-seed';
import { createRng } from '../engines/random';
import { BAD_DEBT_PRODUCT, POSTAGE_PRODUCT, STOCK_NOTES } from './demo-catalogue';
import { resolveDemoLogOptions, type DemoLogInput, type DemoLogOptions } from './demo-log-options';
import { drawOrderLines } from './draw-order-lines';
import { csvField, formatCustomerId, formatMinute, formatPrice } from './format-csv';
import {
  INVOICE_ADJUSTMENT,
  INVOICE_CANCELLATION,
  INVOICE_GUEST,
  INVOICE_PURCHASE,
  INVOICE_STOCK_NOTE,
  planDemoInvoices,
  STREAM_LINES,
} from './plan-demo-invoices';

/** The header of UCI Online Retail, which the demo log copies. */
export const DEMO_LOG_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

const FIRST_INVOICE_NUMBER = 600_001;
/** Text handed out per chunk, so a large demo never sits in memory as one string. */
const CHUNK_CHARS = 1 << 16;
const FULL_CANCELLATION = 0.6;
const STOCK_NOTE_REMOVAL = 0.75;
const MAX_STOCK_NOTE_QUANTITY = 48;
/** Orders above this value may pay postage for several parcels. */
const MULTI_PARCEL_VALUE = 1500;

function* writeDemoLines(options: DemoLogOptions): Generator<string, void, undefined> {
  const plan = planDemoInvoices(options);
  const { shop, customers, realism } = plan;
  const descriptions = shop.products.map((p) => csvField(p.description));
  const stockNotes = STOCK_NOTES.map(csvField);
  const countries = plan.countries.map(csvField);
  let buffer = `${DEMO_LOG_HEADER}\n`;
  let invoiceNumber = FIRST_INVOICE_NUMBER;

  for (const i of plan.order) {
    const number = invoiceNumber++;
    const date = formatMinute(plan.minute[i]);
    const c = plan.customer[i];
    const tail = `,${formatCustomerId(c >= 0 ? customers.id[c] : null)},${countries[plan.country[i]]}\n`;
    const line = (invoice: string, stockCode: string, description: string, quantity: number, price: number) =>
      `${invoice},${stockCode},${description},${quantity},${date},${formatPrice(price)}${tail}`;
    const extras = createRng(deriveSeed(plan.seed, STREAM_LINES + 2 * i + 1));
    const kind = plan.kind[i];
    switch (kind) {
      case INVOICE_PURCHASE:
      case INVOICE_GUEST: {
        const invoice = String(number);
        const { product, quantity, unitPrice } = drawOrderLines(plan, i);
        for (let j = 0; j < product.length; j++) {
          const p = product[j];
          const price = extras.next() < realism.zeroPriceRate ? 0 : unitPrice[j];
          const text = line(invoice, shop.products[p].stockCode, descriptions[p], quantity[j], price);
          buffer += text;
          if (extras.next() < realism.duplicateRate) buffer += text;
        }
        const previous = plan.ref[i];
        if (kind === INVOICE_PURCHASE && previous >= 0 && extras.next() < realism.returnRate) {
          const earlier = drawOrderLines(plan, previous);
          const j = extras.int(earlier.product.length);
          const p = earlier.product[j];
          buffer += line(invoice, shop.products[p].stockCode, descriptions[p], -(1 + extras.int(earlier.quantity[j])), earlier.unitPrice[j]);
        }
        const postage = plan.postage[plan.country[i]];
        if (postage > 0 && extras.next() < realism.postageRate) {
          const parcels = plan.value[i] > MULTI_PARCEL_VALUE ? 1 + extras.int(3) : 1;
          buffer += line(invoice, POSTAGE_PRODUCT.stockCode, POSTAGE_PRODUCT.description, parcels, postage);
        }
        break;
      }
      case INVOICE_CANCELLATION: {
        const invoice = `C${number}`;
        const original = drawOrderLines(plan, plan.ref[i]);
        const picks = Int32Array.from({ length: original.product.length }, (_, j) => j);
        for (let k = 0; k < plan.lines[i]; k++) {
          const swap = k + extras.int(picks.length - k);
          const j = picks[swap];
          picks[swap] = picks[k];
          picks[k] = j;
          const p = original.product[j];
          const full = extras.next() < FULL_CANCELLATION;
          const quantity = full ? original.quantity[j] : 1 + extras.int(original.quantity[j]);
          buffer += line(invoice, shop.products[p].stockCode, descriptions[p], -quantity, original.unitPrice[j]);
        }
        break;
      }
      case INVOICE_STOCK_NOTE: {
        const p = extras.int(shop.products.length);
        const sign = extras.next() < STOCK_NOTE_REMOVAL ? -1 : 1;
        const note = stockNotes[extras.int(stockNotes.length)];
        buffer += line(String(number), shop.products[p].stockCode, note, sign * (1 + extras.int(MAX_STOCK_NOTE_QUANTITY)), 0);
        break;
      }
      case INVOICE_ADJUSTMENT:
        buffer += line(`A${number}`, BAD_DEBT_PRODUCT.stockCode, BAD_DEBT_PRODUCT.description, 1, plan.value[i]);
        break;
      default:
        throw new Error(`Unknown demo invoice kind ${kind}.`);
    }
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * A seeded, deterministic demo transaction log in the UCI Online Retail shape, as CSV text in
 * chunks, header first, lines in chronological order. Options are checked when it is called;
 * the customers are simulated when the first chunk is asked for.
 * @example
 * const csv = [...generateDemoLog({ seed: 7, customers: 500 })].join('');
 * csv.startsWith('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n'); // true
 */
export function generateDemoLog(input: DemoLogInput = {}): Generator<string, void, undefined> {
  return writeDemoLines(resolveDemoLogOptions(input));
}
