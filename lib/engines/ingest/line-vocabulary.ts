import { KIND_NOT_PAID, KIND_PURCHASE, KIND_RETURN } from './types';

// WooCommerce writes statuses with a wc- prefix in some exports (wc-completed).
const normalise = (value: string) => value.trim().toLowerCase().replace(/^wc-/, '').replace(/[\s_-]+/g, '');

/** Order and payment statuses that mean the money was never taken (Shopify, WooCommerce, Stripe, generic). */
const NOT_PAID = new Set([
  'pending', 'voided', 'void', 'failed', 'failure', 'declined', 'cancelled', 'canceled', 'abandoned', 'expired', 'draft',
  'checkoutdraft', 'unpaid', 'refused', 'blocked', 'incomplete', 'requirespaymentmethod', 'requiresaction', 'authorized',
  'authorised', 'onhold', 'trash', 'rejected', 'error', 'notpaid', 'open', 'awaitingpayment', 'uncaptured',
]);

/** Statuses of orders that were placed and paid (refunded ones included: the refund is counted on its own). */
const PAID = new Set([
  'paid', 'partiallyrefunded', 'partiallypaid', 'refunded', 'completed', 'complete', 'processing', 'succeeded', 'success',
  'successful', 'settled', 'captured', 'fulfilled', 'shipped', 'delivered', 'closed', 'approved', 'done', 'confirmed', 'ok',
  'charged', 'disputed', 'payment', 'sale',
]);

/** Line types (Square Event Type, a transactions file's type) that refund money. */
const REFUND_TYPES = new Set(['refund', 'refunded', 'return', 'returned', 'credit', 'creditnote', 'chargeback', 'reversal', 'reversed', 'cancellation']);
const VOID_TYPES = new Set(['void', 'voided', 'authorization', 'authorisation', 'failedpayment']);
const SALE_TYPES = new Set(['sale', 'payment', 'order', 'charge', 'purchase', 'invoice', 'transaction', 'capture', 'debit']);

export interface StatusReading {
  kind: number;
  known: boolean;
  /** The status says the order was refunded in full (its value comes back when the file states no refunded amount). */
  refundedInFull?: boolean;
}

const REFUNDED_IN_FULL = new Set(['refunded', 'fullyrefunded', 'returned']);

/** How an order or payment status reads: KIND_NOT_PAID for pending, voided, failed, cancelled ...; unknown values read as paid. */
export function readStatus(value: string): StatusReading {
  const key = normalise(value);
  if (key === '') return { kind: KIND_PURCHASE, known: true };
  if (NOT_PAID.has(key)) return { kind: KIND_NOT_PAID, known: true };
  return { kind: KIND_PURCHASE, known: PAID.has(key) || REFUNDED_IN_FULL.has(key), refundedInFull: REFUNDED_IN_FULL.has(key) };
}

/** How a line type reads: KIND_RETURN for refunds, KIND_NOT_PAID for voids, KIND_PURCHASE otherwise. */
export function readLineType(value: string): StatusReading {
  const key = normalise(value);
  if (key === '') return { kind: KIND_PURCHASE, known: true };
  if (REFUND_TYPES.has(key)) return { kind: KIND_RETURN, known: true };
  if (VOID_TYPES.has(key)) return { kind: KIND_NOT_PAID, known: true };
  return { kind: KIND_PURCHASE, known: SALE_TYPES.has(key) };
}

/** Credit notes and cancellations by their number: C536379 (UCI), CN-300914, CR-12, RF-0042. */
export const CREDIT_NOTE = /^(?:c|cn|cr|crn|rf|rfd|ret)[-_ ]?\d+$/i;
/** UCI's bad-debt adjustments: A563185. */
export const ADJUSTMENT = /^a\d+$/i;
/** A report's summary line: TOTAL, Grand total, Subtotal, Summe, Gesamt, Totaal. */
export const SUMMARY_LINE = /^\s*(?:grand\s*)?(?:sub\s*)?totals?\b|^\s*(?:summe|gesamt(?:summe)?|totaal|totale|total général)\b/i;
