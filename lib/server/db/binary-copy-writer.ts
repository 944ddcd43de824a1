// Rows in PostgreSQL's binary COPY format: values go in as their bytes, so neither this side
// formats numbers and dates as text nor the database parses them back (the text path spent more
// time in both, and in garbage collection, than in storing the rows).

/** What starts a binary COPY stream: signature, flags, header extension length. */
export const BINARY_COPY_HEADER = new Uint8Array([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** What ends it: a field count of -1. */
export const BINARY_COPY_TRAILER = new Uint8Array([0xff, 0xff]);

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const TWO_TO_32 = 2 ** 32;
const encoder = new TextEncoder();

/**
 * Appends tuples (without the stream's header and trailer, which the SQL client adds) to a
 * growing buffer; `take()` hands over what was written and starts again. Each value must have
 * the column's exact type: int4, float8, text, bool, jsonb or timestamp. A value the column
 * cannot hold (a fraction or out of range in an int4, a date that is not finite) throws a
 * RangeError, as the text path's COPY would have failed.
 */
export class BinaryCopyWriter {
  #bytes: Uint8Array;
  #view: DataView;
  #at = 0;

  constructor(initialBytes = 1 << 20) {
    this.#bytes = new Uint8Array(initialBytes);
    this.#view = new DataView(this.#bytes.buffer);
  }

  #reserve(bytes: number): void {
    if (this.#at + bytes <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#at + bytes));
    grown.set(this.#bytes.subarray(0, this.#at));
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }

  /** Starts a tuple of `fields` values. */
  row(fields: number): void {
    this.#reserve(2);
    this.#view.setInt16(this.#at, fields);
    this.#at += 2;
  }

  null(): void {
    this.#reserve(4);
    this.#view.setInt32(this.#at, -1);
    this.#at += 4;
  }

  int4(value: number): void {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`${value} is not a 32-bit integer`);
    this.#reserve(8);
    this.#view.setInt32(this.#at, 4);
    this.#view.setInt32(this.#at + 4, value);
    this.#at += 8;
  }

  float8(value: number): void {
    this.#reserve(12);
    this.#view.setInt32(this.#at, 8);
    this.#view.setFloat64(this.#at + 4, value);
    this.#at += 12;
  }

  /** A nullable double: NaN becomes NULL. */
  float8OrNull(value: number): void {
    if (Number.isNaN(value)) this.null();
    else this.float8(value);
  }

  bool(value: boolean): void {
    this.#reserve(5);
    this.#view.setInt32(this.#at, 1);
    this.#bytes[this.#at + 4] = value ? 1 : 0;
    this.#at += 5;
  }

  /** Text as UTF-8. */
  text(value: string): void {
    this.#reserve(4 + value.length * 3);
    const { written } = encoder.encodeInto(value, this.#bytes.subarray(this.#at + 4));
    this.#view.setInt32(this.#at, written);
    this.#at += 4 + written;
  }

  /** Text already encoded as UTF-8 (names repeated on many rows, encoded once with `encodeText`). */
  encoded(value: Uint8Array): void {
    this.#reserve(4 + value.length);
    this.#view.setInt32(this.#at, value.length);
    this.#bytes.set(value, this.#at + 4);
    this.#at += 4 + value.length;
  }

  /** JSON text as jsonb (format version 1, then the text; the database parses it as from text). */
  jsonb(json: string): void {
    this.#reserve(5 + json.length * 3);
    this.#bytes[this.#at + 4] = 1;
    const { written } = encoder.encodeInto(json, this.#bytes.subarray(this.#at + 5));
    this.#view.setInt32(this.#at, written + 1);
    this.#at += 5 + written;
  }

  /**
   * Epoch ms as a timestamp without time zone holding the UTC wall-clock time (how Prisma stores
   * DateTime), whole milliseconds as JavaScript's Date keeps them.
   */
  timestamp(epochMs: number): void {
    if (!Number.isFinite(epochMs)) throw new RangeError(`${epochMs} is not a date`);
    const micros = (Math.trunc(epochMs) - POSTGRES_EPOCH_MS) * 1000;
    const high = Math.floor(micros / TWO_TO_32);
    this.#reserve(12);
    this.#view.setInt32(this.#at, 8);
    this.#view.setInt32(this.#at + 4, high);
    this.#view.setUint32(this.#at + 8, micros - high * TWO_TO_32);
    this.#at += 12;
  }

  /** Bytes written since the last take. */
  get size(): number {
    return this.#at;
  }

  /** What was written (a copy, so the buffer is reused), and starts again. */
  take(): Uint8Array {
    const out = this.#bytes.slice(0, this.#at);
    this.#at = 0;
    return out;
  }
}

/** A string as UTF-8 once, for `BinaryCopyWriter.encoded`. */
export function encodeText(value: string): Uint8Array {
  return encoder.encode(value);
}
