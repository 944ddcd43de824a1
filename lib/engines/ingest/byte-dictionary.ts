import type { Dictionary } from './dictionary';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

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
  private offset = new Int32Array(1024);
  private length = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private codes = new Int32Array(1024);
  private entries = 0;
  /** Entry index + 1 per slot; 0 is empty. */
  private table = new Int32Array(2048);
  private mask = 2047;
  /** The entry the previous call returned (-1 before the first). */
  private last = -1;

  constructor(
    private readonly dictionary: Dictionary,
    private readonly decode: (bytes: Uint8Array) => string,
  ) {}

  /** The code of bytes[from, to). */
  code(bytes: Uint8Array, from: number, to: number): number {
    const size = to - from;
    // Runs of one value (an order's lines share its number, date, customer) skip the hash and the table.
    const last = this.last;
    if (last >= 0 && this.length[last] === size && this.same(last, bytes, from, size)) return this.codes[last];
    const hash = hashBytes(bytes, from, to);
    const table = this.table;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot] - 1;
      if (entry < 0) {
        const code = this.insert(bytes, from, to, hash, slot);
        this.last = this.entries - 1;
        return code;
      }
      if (this.hashes[entry] === hash && this.length[entry] === size && this.same(entry, bytes, from, size)) {
        this.last = entry;
        return this.codes[entry];
      }
    }
  }

  private same(entry: number, bytes: Uint8Array, from: number, size: number): boolean {
    const at = this.offset[entry];
    const arena = this.arena;
    for (let k = 0; k < size; k++) if (arena[at + k] !== bytes[from + k]) return false;
    return true;
  }

  private insert(bytes: Uint8Array, from: number, to: number, hash: number, slot: number): number {
    const size = to - from;
    const value = bytes.subarray(from, to);
    const code = this.dictionary.code(this.decode(value));
    if (this.arenaLength + size > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + size));
      arena.set(this.arena.subarray(0, this.arenaLength));
      this.arena = arena;
    }
    if (this.entries === this.offset.length) {
      const grow = (array: Int32Array) => {
        const next = new Int32Array(array.length * 2);
        next.set(array);
        return next;
      };
      this.offset = grow(this.offset);
      this.length = grow(this.length);
      this.hashes = grow(this.hashes);
      this.codes = grow(this.codes);
    }
    const entry = this.entries++;
    this.arena.set(value, this.arenaLength);
    this.offset[entry] = this.arenaLength;
    this.length[entry] = size;
    this.hashes[entry] = hash;
    this.codes[entry] = code;
    this.arenaLength += size;
    this.table[slot] = entry + 1;
    if (this.entries * 2 > this.table.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      let slot = this.hashes[entry] & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
