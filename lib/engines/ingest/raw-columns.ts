import { releaseArrays } from '../release-arrays';
import { ByteDictionary } from './byte-dictionary';
import type { ByteRow } from './byte-csv-tokenizer';
import { Dictionary } from './dictionary';
import { TRANSACTION_FIELDS, type TransactionField } from './types';

function grow<T extends Int32Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array);
  return next;
}

/**
 * The code in `dictionary` of each of `values` (added in their order when new), as interning them
 * in that order would give. ASCII values go through the column's ByteDictionary by their bytes,
 * which are their char codes, so the Dictionary is not indexed by text (it indexes values
 * appended by bytes lazily, and indexing millions costs seconds); other values by their text.
 */
function remapValues(values: readonly string[], dictionary: Dictionary, bytes: ByteDictionary | null): Int32Array {
  const remap = new Int32Array(values.length);
  let buffer = new Uint8Array(256);
  for (let k = 0; k < values.length; k++) {
    const text = values[k];
    let ascii = bytes !== null;
    for (let c = 0; c < text.length && ascii; c++) ascii = text.charCodeAt(c) < 0x80;
    if (!ascii) {
      remap[k] = dictionary.code(text);
      continue;
    }
    if (text.length > buffer.length) buffer = new Uint8Array(2 * text.length);
    for (let c = 0; c < text.length; c++) buffer[c] = text.charCodeAt(c);
    remap[k] = bytes!.code(buffer, 0, text.length, text);
  }
  return remap;
}

/** One mapped column as read: a dictionary code per line into the column's distinct raw texts. */
export interface RawColumn {
  codes: Int32Array;
  values: string[];
}

/** The lines of a file as text, column by column, before any value is interpreted. */
export interface RawLines {
  length: number;
  columns: Partial<Record<TransactionField, RawColumn>>;
  /** Physical line number (1-based, in the decoded text or worksheet) where each line starts. */
  line: Int32Array;
  /** 1 when the line's quoting is broken (see readTransactions), else 0. */
  brokenQuote: Uint8Array;
  /** Physical lines a broken line swallowed. */
  swallowed: Int32Array;
}

/**
 * Appends rows of text fields into per-column dictionary codes. Each column remembers the last
 * text it saw, so runs of equal values (an invoice's lines, a date) skip the hash lookup.
 */
export class RawColumnsBuilder {
  length = 0;
  private capacity: number;
  private readonly fields: TransactionField[];
  private readonly indices: Int32Array;
  private readonly codes: Int32Array[];
  private readonly dictionaries: Dictionary[];
  private readonly lastText: (string | null)[];
  private readonly lastCode: Int32Array;
  private byteDictionaries: ByteDictionary[] | null = null;
  /** False after pushBytes(): lastText no longer holds the previous row's texts. */
  private textRuns = true;
  line: Int32Array;
  brokenQuote: Uint8Array;
  swallowed: Int32Array;
  /** Rows with fewer fields than the mapped columns need. */
  shortRows = 0;
  private readonly needed: number;

  constructor(columns: Record<TransactionField, number>, initialCapacity = 1 << 16) {
    this.capacity = Math.max(16, initialCapacity);
    this.fields = TRANSACTION_FIELDS.filter((f) => columns[f] >= 0);
    this.indices = Int32Array.from(this.fields, (f) => columns[f]);
    this.codes = this.fields.map(() => new Int32Array(this.capacity));
    this.dictionaries = this.fields.map(() => new Dictionary());
    this.lastText = this.fields.map(() => null);
    this.lastCode = new Int32Array(this.fields.length);
    this.line = new Int32Array(this.capacity);
    this.brokenQuote = new Uint8Array(this.capacity);
    this.swallowed = new Int32Array(this.capacity);
    let needed = 0;
    for (const index of this.indices) needed = Math.max(needed, index + 1);
    this.needed = needed;
  }

  /** Append a row read as text (CsvTokenizer, WhitespaceTokenizer, worksheets, the rows read before the header). */
  push(row: readonly string[], line: number, broken: boolean, swallowed: number): void {
    const at = this.next(row.length, line, broken, swallowed);
    if (!this.textRuns) {
      this.lastText.fill(null);
      this.textRuns = true;
    }
    for (let j = 0; j < this.indices.length; j++) {
      const text = row[this.indices[j]] ?? '';
      if (text !== this.lastText[j]) {
        this.lastText[j] = text;
        this.lastCode[j] = this.dictionaries[j].code(text);
      }
      this.codes[j][at] = this.lastCode[j];
    }
  }

  /**
   * Append a row read as bytes (ByteCsvTokenizer): each mapped field is interned by its bytes,
   * into the same dictionaries as push(), so both give the same codes and values.
   */
  pushBytes(row: ByteRow, line: number, broken: boolean, swallowed: number, decode: (bytes: Uint8Array) => string): void {
    const at = this.next(row.count, line, broken, swallowed);
    if (this.byteDictionaries === null) this.byteDictionaries = this.dictionaries.map((d) => new ByteDictionary(d, decode));
    const byteDictionaries = this.byteDictionaries;
    // push()'s run memory no longer holds the previous row: a text row after this one looks its values up.
    this.textRuns = false;
    const indices = this.indices;
    const codes = this.codes;
    for (let j = 0; j < indices.length; j++) {
      const index = indices[j];
      codes[j][at] = index < row.count ? byteDictionaries[j].code(row.source(index), row.start[index], row.end[index]) : this.dictionaries[j].code('');
    }
  }

  /**
   * Append the lines of a later byte range read into its own builder (readByteRange), as if they
   * had been pushed here: its values are looked up in this builder's dictionaries in its own
   * first-seen order (so new values get the codes a sequential read gives them) and its codes are
   * remapped through one Int32Array per column. `lineOffset` (the physical lines before the range)
   * is added to its line numbers; `shortRows` is the range's count of short rows. The range is
   * consumed: each of its arrays is released (releaseArrays) once copied, so the two never both
   * hold all their lines (on the 10M-line log, ~200 MB less at the end of the merge).
   */
  append(range: RawLines, lineOffset: number, shortRows: number): void {
    const n = range.length;
    if (n === 0) return;
    const at = this.length;
    if (at + n > this.capacity) this.reserve(at + n);
    this.fields.forEach((field, j) => {
      const column = range.columns[field];
      if (!column) throw new Error(`RawColumnsBuilder.append: the range has no column "${field}".`);
      const remap = remapValues(column.values, this.dictionaries[j], this.byteDictionaries?.[j] ?? null);
      const from = column.codes;
      const to = this.codes[j];
      for (let i = 0; i < n; i++) to[at + i] = remap[from[i]];
      releaseArrays(from);
    });
    const line = this.line;
    for (let i = 0; i < n; i++) line[at + i] = range.line[i] + lineOffset;
    this.brokenQuote.set(range.brokenQuote, at);
    this.swallowed.set(range.swallowed, at);
    releaseArrays(range.line, range.brokenQuote, range.swallowed);
    this.length += n;
    this.shortRows += shortRows;
    // push()'s run memory does not hold the range's last row.
    this.lastText.fill(null);
  }

  /** Grows every per-line array to hold `capacity` lines. */
  private reserve(capacity: number): void {
    for (let j = 0; j < this.codes.length; j++) this.codes[j] = grow(this.codes[j], capacity);
    this.line = grow(this.line, capacity);
    this.brokenQuote = grow(this.brokenQuote, capacity);
    this.swallowed = grow(this.swallowed, capacity);
    this.capacity = capacity;
  }

  private next(fields: number, line: number, broken: boolean, swallowed: number): number {
    // Four times, not two: fewer copies, and pages never written are never touched.
    if (this.length === this.capacity) this.reserve(this.capacity * 4);
    const at = this.length++;
    if (fields < this.needed) this.shortRows++;
    this.line[at] = line;
    if (broken) {
      this.brokenQuote[at] = 1;
      this.swallowed[at] = swallowed;
    }
    return at;
  }

  build(): RawLines {
    const n = this.length;
    const columns: Partial<Record<TransactionField, RawColumn>> = {};
    this.fields.forEach((field, j) => {
      columns[field] = { codes: this.codes[j].subarray(0, n), values: this.dictionaries[j].values };
    });
    return { length: n, columns, line: this.line.subarray(0, n), brokenQuote: this.brokenQuote.subarray(0, n), swallowed: this.swallowed.subarray(0, n) };
  }
}
