import type { Dictionary } from './dictionary';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** Fields of an entry in ByteDictionary.entry. */
const HASH = 0;
const SIZE = 1;
const OFFSET = 2;
const CODE = 3;

/**
 * A 32-bit hash of bytes[from, to): FNV-1a over little-endian 4-byte words (a quarter of the
 * multiply chain of a byte-wise FNV), then the murmur3 finaliser, which brings the high bits the
 * word multiply leaves them in down to the low bits the table indexes by. Equal bytes give equal
 * hashes; the table always compares the bytes too, so a collision costs time, never a wrong code.
 */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let hash = FNV_OFFSET ^ (to - from);
  let k = from;
  for (const last = to - 3; k < last; k += 4) {
    hash = Math.imul(hash ^ (bytes[k] | (bytes[k + 1] << 8) | (bytes[k + 2] << 16) | (bytes[k + 3] << 24)), FNV_PRIME);
  }
  for (; k < to; k++) hash = Math.imul(hash ^ bytes[k], FNV_PRIME);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * Interns byte ranges into a Dictionary's codes, keyed by the bytes themselves (hashBytes, open
 * addressing), so a value seen before costs a hash and a compare but no string; a value equal to
 * the previous one (the lines of one order) costs a compare alone. A new byte
 * sequence is decoded once and looked up in the Dictionary by its text, so two byte sequences
 * that decode to the same text (two different invalid bytes, both U+FFFD) share one code, as
 * they do when the file is read as text.
 */
export class ByteDictionary {
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /**
   * Per entry, side by side so one lookup touches one cache line: hash, byte length, arena offset,
   * Dictionary code (at 4 * entry + HASH, SIZE, OFFSET, CODE).
   */
  private entry = new Int32Array(4 * 1024);
  private entries = 0;
  /** Per slot: entry index + 1 (0 is empty), then that entry's hash, so a probe reads no entry it does not match. */
  private table = new Int32Array(2 * 2048);
  private mask = 2047;
  /** The entry the previous call returned (-1 before the first). */
  private last = -1;
  /** The Dictionary's values [0, known) whose text is ASCII have an entry under their bytes. */
  private known = 0;

  constructor(
    private readonly dictionary: Dictionary,
    private readonly decode: (bytes: Uint8Array) => string,
  ) {}

  /** The code of bytes[from, to); `text`, when the caller has it, is what they decode to (it then saves the decoding of a new value). */
  code(bytes: Uint8Array, from: number, to: number, text?: string): number {
    // Texts that reached the Dictionary another way (the rows read as text before the header was found).
    if (this.dictionary.size !== this.known) this.sync();
    const size = to - from;
    const entry = this.entry;
    // Runs of one value (an order's lines share its number, date, customer) skip the hash and the table.
    const last = this.last;
    if (last >= 0 && entry[4 * last + SIZE] === size && this.same(last, bytes, from, size)) return entry[4 * last + CODE];
    const hash = hashBytes(bytes, from, to);
    const table = this.table;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const e = table[2 * slot] - 1;
      if (e < 0) {
        const code = this.insert(bytes, from, to, hash, slot, text);
        this.last = this.entries - 1;
        return code;
      }
      if (table[2 * slot + 1] === hash && entry[4 * e + SIZE] === size && this.same(e, bytes, from, size)) {
        this.last = e;
        return entry[4 * e + CODE];
      }
    }
  }

  private same(e: number, bytes: Uint8Array, from: number, size: number): boolean {
    const at = this.entry[4 * e + OFFSET];
    const arena = this.arena;
    for (let k = 0; k < size; k++) if (arena[at + k] !== bytes[from + k]) return false;
    return true;
  }

  /**
   * A new byte sequence. ASCII bytes decode to ASCII text, which only the same bytes decode to
   * (in UTF-8 and Windows-1252 every other byte gives a character above U+007F or U+FFFD), and
   * every ASCII text of the Dictionary has an entry (sync): so the text is new and is appended
   * without a lookup by text. Other bytes are looked up by their text.
   */
  private insert(bytes: Uint8Array, from: number, to: number, hash: number, slot: number, decoded: string | undefined): number {
    const text = decoded ?? this.decode(bytes.subarray(from, to));
    let ascii = true;
    for (let k = from; k < to && ascii; k++) ascii = bytes[k] < 0x80;
    let code: number;
    if (ascii && this.known === this.dictionary.size) {
      code = this.dictionary.appendNew(text);
      this.known++;
    } else {
      code = this.dictionary.code(text);
    }
    this.add(bytes, from, to, hash, slot, code);
    return code;
  }

  /** Give every ASCII text the Dictionary gained since the last sync an entry under its bytes. */
  private sync(): void {
    const values = this.dictionary.values;
    for (let code = this.known; code < values.length; code++) {
      const text = values[code];
      let ascii = true;
      for (let k = 0; k < text.length && ascii; k++) ascii = text.charCodeAt(k) < 0x80;
      if (!ascii) continue;
      const bytes = new Uint8Array(text.length);
      for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
      const hash = hashBytes(bytes, 0, bytes.length);
      for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
        const e = this.table[2 * slot] - 1;
        if (e < 0) {
          this.add(bytes, 0, bytes.length, hash, slot, code);
          break;
        }
        if (this.table[2 * slot + 1] === hash && this.entry[4 * e + SIZE] === bytes.length && this.same(e, bytes, 0, bytes.length)) break;
      }
    }
    this.known = values.length;
  }

  private add(bytes: Uint8Array, from: number, to: number, hash: number, slot: number, code: number): void {
    const size = to - from;
    if (this.arenaLength + size > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + size));
      arena.set(this.arena.subarray(0, this.arenaLength));
      this.arena = arena;
    }
    if (4 * this.entries === this.entry.length) {
      const next = new Int32Array(this.entry.length * 2);
      next.set(this.entry);
      this.entry = next;
    }
    const e = this.entries++;
    this.arena.set(bytes.subarray(from, to), this.arenaLength);
    this.entry[4 * e + HASH] = hash;
    this.entry[4 * e + SIZE] = size;
    this.entry[4 * e + OFFSET] = this.arenaLength;
    this.entry[4 * e + CODE] = code;
    this.arenaLength += size;
    this.table[2 * slot] = e + 1;
    this.table[2 * slot + 1] = hash;
    if (this.entries * 2 > this.mask + 1) this.rehash();
  }

  private rehash(): void {
    const slots = 2 * (this.mask + 1);
    const table = new Int32Array(2 * slots);
    const mask = slots - 1;
    for (let e = 0; e < this.entries; e++) {
      const hash = this.entry[4 * e + HASH];
      let slot = hash & mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = e + 1;
      table[2 * slot + 1] = hash;
    }
    this.table = table;
    this.mask = mask;
  }
}
