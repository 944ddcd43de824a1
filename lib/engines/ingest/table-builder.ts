import { Dictionary } from './dictionary';
import type { TransactionTable } from './types';

function grow<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array);
  return next;
}

/** Appends transaction lines into growable typed columns with interned text fields. */
export class TableBuilder {
  length = 0;
  private capacity: number;
  invoice: Int32Array;
  stockCode: Int32Array;
  description: Int32Array;
  quantity: Float64Array;
  unitPrice: Float64Array;
  date: Float64Array;
  customer: Int32Array;
  country: Int32Array;
  readonly invoices = new Dictionary();
  readonly stockCodes = new Dictionary();
  readonly descriptions = new Dictionary();
  readonly customers = new Dictionary();
  readonly countries = new Dictionary();

  constructor(initialCapacity = 1 << 16) {
    this.capacity = Math.max(16, initialCapacity);
    this.invoice = new Int32Array(this.capacity);
    this.stockCode = new Int32Array(this.capacity);
    this.description = new Int32Array(this.capacity);
    this.quantity = new Float64Array(this.capacity);
    this.unitPrice = new Float64Array(this.capacity);
    this.date = new Float64Array(this.capacity);
    this.customer = new Int32Array(this.capacity);
    this.country = new Int32Array(this.capacity);
  }

  /** Reserve the next row and return its index. */
  push(): number {
    if (this.length === this.capacity) {
      const capacity = this.capacity * 2;
      this.invoice = grow(this.invoice, capacity);
      this.stockCode = grow(this.stockCode, capacity);
      this.description = grow(this.description, capacity);
      this.quantity = grow(this.quantity, capacity);
      this.unitPrice = grow(this.unitPrice, capacity);
      this.date = grow(this.date, capacity);
      this.customer = grow(this.customer, capacity);
      this.country = grow(this.country, capacity);
      this.capacity = capacity;
    }
    return this.length++;
  }

  /** The finished table; columns are trimmed views of exactly `length` rows. */
  build(): TransactionTable {
    const n = this.length;
    return {
      length: n,
      invoice: this.invoice.subarray(0, n),
      invoices: this.invoices.values,
      stockCode: this.stockCode.subarray(0, n),
      stockCodes: this.stockCodes.values,
      description: this.description.subarray(0, n),
      descriptions: this.descriptions.values,
      quantity: this.quantity.subarray(0, n),
      unitPrice: this.unitPrice.subarray(0, n),
      date: this.date.subarray(0, n),
      customer: this.customer.subarray(0, n),
      customers: this.customers.values,
      country: this.country.subarray(0, n),
      countries: this.countries.values,
    };
  }
}
