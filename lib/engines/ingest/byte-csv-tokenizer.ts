import { EngineError } from '../errors';
import { MAX_LINE_CHARS } from './csv-tokenizer';

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Byte classes: what the scan loops stop at. */
const PLAIN = 0;
const DELIMITER = 1;
const LINE_END = 2;

/**
 * The fields of one row as byte ranges, valid only during the onRow call that receives it.
 * Unquoted fields point into `bytes`; quoted fields (their quotes removed, doubled quotes
 * undoubled) were copied into `scratch`, flagged by `inScratch`.
 */
export class ByteRow {
  count = 0;
  bytes: Uint8Array = new Uint8Array(0);
  scratch = new Uint8Array(1024);
  scratchLength = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  inScratch = new Uint8Array(64);

  /** The buffer field `j` lives in. */
  source(j: number): Uint8Array {
    return this.inScratch[j] ? this.scratch : this.bytes;
  }

  add(from: number, to: number, scratch: boolean): void {
    if (this.count === this.start.length) {
      const size = this.count * 2;
      const start = new Int32Array(size);
      start.set(this.start);
      const end = new Int32Array(size);
      end.set(this.end);
      const flag = new Uint8Array(size);
      flag.set(this.inScratch);
      this.start = start;
      this.end = end;
      this.inScratch = flag;
    }
    this.start[this.count] = from;
    this.end[this.count] = to;
    this.inScratch[this.count] = scratch ? 1 : 0;
    this.count++;
  }

  copy(bytes: Uint8Array, from: number, to: number): void {
    const length = to - from;
    if (length <= 0) return;
    if (this.scratchLength + length > this.scratch.length) {
      const next = new Uint8Array(Math.max(this.scratch.length * 2, this.scratchLength + length));
      next.set(this.scratch.subarray(0, this.scratchLength));
      this.scratch = next;
    }
    this.scratch.set(bytes.subarray(from, to), this.scratchLength);
    this.scratchLength += length;
  }

  reset(): void {
    this.count = 0;
    this.scratchLength = 0;
  }
}

/**
 * CsvTokenizer's twin over undecoded bytes, for encodings where every byte below 0x80 is the
 * ASCII character and never part of a multi-byte character (UTF-8, Windows-1252): the quote,
 * the delimiter and line breaks are then found byte by byte and no string is made for a field.
 * It keeps CsvTokenizer's rules exactly (its slow path is the reference): rows, fields, the
 * physical line each row starts on, how many lines it spans, blank lines skipped, an unclosed
 * quote at the end kept and flagged. UTF-16 and whitespace-separated files stay on CsvTokenizer.
 */
export class ByteCsvTokenizer {
  /** The pending incomplete row: carry[0, carryLength). */
  private carry = new Uint8Array(0);
  private carryLength = 0;
  private readonly delimiter: number;
  private readonly classes = new Uint8Array(256);
  private readonly row = new ByteRow();
  private line = 0;
  /** Line feeds inside the quoted fields of the row being read. */
  private quotedBreaks = 0;
  unclosedQuoteAtEnd = false;

  constructor(
    delimiter: string,
    private readonly onRow: (row: ByteRow, line: number, lines: number) => void,
    /** Decodes bytes, to measure an overlong line in characters as CsvTokenizer does. */
    private readonly decode: (bytes: Uint8Array) => string,
    private readonly maxLineChars = MAX_LINE_CHARS,
  ) {
    const code = delimiter.charCodeAt(0);
    if (delimiter.length !== 1 || code >= 0x80 || code === QUOTE || code === LF || code === CR) {
      throw new EngineError('INVALID_OPTION', `The byte tokenizer needs a one-byte ASCII delimiter other than a quote or line break, got ${JSON.stringify(delimiter)}.`);
    }
    this.delimiter = code;
    this.classes[code] = DELIMITER;
    this.classes[LF] = LINE_END;
    this.classes[CR] = LINE_END;
  }

  push(input: Uint8Array): void {
    // A plain Uint8Array view of a Buffer: the scan and dictionary loops then see one array type
    // (two types make every byte read polymorphic and several times slower).
    const chunk = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let bytes = chunk;
    if (this.carryLength > 0) {
      this.append(chunk);
      // A row ends only at a line break (or the end of the file): a chunk without one cannot
      // finish the pending row, so it is held rather than scanned again, which keeps a long
      // line that arrives in many chunks linear.
      if (chunk.indexOf(LF) < 0 && chunk.indexOf(CR) < 0) {
        this.checkLength();
        return;
      }
      bytes = this.carry.subarray(0, this.carryLength);
    }
    const consumed = this.parse(bytes, false);
    const remaining = bytes.length - consumed;
    if (remaining === 0) this.carryLength = 0;
    else if (bytes === chunk) {
      this.carryLength = 0;
      this.append(chunk.subarray(consumed));
    } else {
      this.carry.copyWithin(0, consumed, bytes.length);
      this.carryLength = remaining;
    }
    this.checkLength();
  }

  /** Physical lines read so far: the rows emitted and the line feeds inside their quotes. */
  get linesRead(): number {
    return this.line;
  }

  /**
   * True when every byte pushed so far belongs to an emitted row: the bytes end at a line end
   * outside quotes, so a new tokenizer started on the next byte reads what this one would.
   */
  get atRowStart(): boolean {
    return this.carryLength === 0;
  }

  end(): void {
    if (this.carryLength > 0) this.parse(this.carry.subarray(0, this.carryLength), true);
    this.carryLength = 0;
  }

  private append(bytes: Uint8Array): void {
    const needed = this.carryLength + bytes.length;
    if (needed > this.carry.length) {
      const next = new Uint8Array(Math.max(needed, this.carry.length * 2, 1 << 16));
      next.set(this.carry.subarray(0, this.carryLength));
      this.carry = next;
    }
    this.carry.set(bytes, this.carryLength);
    this.carryLength = needed;
  }

  private checkLength(): void {
    if (this.carryLength > this.maxLineChars && this.decode(this.carry.subarray(0, this.carryLength)).length > this.maxLineChars) {
      throw new EngineError(
        'FIELD_TOO_LONG',
        `A single line is longer than ${(this.maxLineChars / 1024 / 1024).toLocaleString('en-US')} MB: the file probably has an unclosed quote or is not a CSV file.`,
      );
    }
  }

  /** Emit every complete row of `bytes`; return where the first incomplete row starts. */
  private parse(bytes: Uint8Array, final: boolean): number {
    const n = bytes.length;
    const classes = this.classes;
    const delimiter = this.delimiter;
    const row = this.row;
    row.bytes = bytes;
    row.reset();
    this.quotedBreaks = 0;
    let i = 0;
    let rowStart = 0;
    for (;;) {
      // At the start of a field.
      if (i < n && bytes[i] === QUOTE) {
        const from = row.scratchLength;
        let j = i + 1;
        for (;;) {
          const q = bytes.indexOf(QUOTE, j);
          if (q < 0 || (q + 1 >= n && !final)) {
            if (!final) return rowStart;
            // Unclosed quote at the end of the file: keep what is there, and say so.
            this.unclosedQuoteAtEnd = true;
            this.countBreaks(bytes, j, n);
            // CsvTokenizer takes a last line feed for the row's own line end, even inside the open quote.
            if (n > j && bytes[n - 1] === LF) this.quotedBreaks--;
            row.copy(bytes, j, n);
            i = n;
            break;
          }
          this.countBreaks(bytes, j, q);
          if (q + 1 < n && bytes[q + 1] === QUOTE) {
            row.copy(bytes, j, q + 1);
            j = q + 2;
            continue;
          }
          row.copy(bytes, j, q);
          i = q + 1;
          break;
        }
        // Stray characters after a closing quote are kept, as spreadsheets do.
        let k = i;
        while (k < n && classes[bytes[k]] === PLAIN) k++;
        if (k === n && !final) return rowStart;
        row.copy(bytes, i, k);
        i = k;
        row.add(from, row.scratchLength, true);
      } else {
        let j = i;
        while (j < n && classes[bytes[j]] === PLAIN) j++;
        if (j === n && !final) return rowStart;
        row.add(i, j, false);
        i = j;
      }

      if (i >= n) {
        this.emit();
        return n;
      }
      const c = bytes[i];
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return rowStart;
        i += i + 1 < n && bytes[i + 1] === LF ? 2 : 1;
      } else {
        i++;
      }
      this.emit();
      rowStart = i;
      if (i >= n) return n;
    }
  }

  private countBreaks(bytes: Uint8Array, from: number, to: number): void {
    for (let k = bytes.indexOf(LF, from); k >= 0 && k < to; k = bytes.indexOf(LF, k + 1)) this.quotedBreaks++;
  }

  /** A row's own line ending is not a break inside it: only line feeds within quotes add lines. */
  private emit(): void {
    const row = this.row;
    const lines = this.quotedBreaks + 1;
    const first = this.line + 1;
    this.line += lines;
    const blank = row.count === 1 && row.end[0] === row.start[0];
    if (!blank) this.onRow(row, first, lines);
    row.reset();
    this.quotedBreaks = 0;
  }
}
