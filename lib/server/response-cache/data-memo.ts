// Small facts several pages read on every request (a succeeded run's metrics and parameters, its
// dataset's name and currency, the list of succeeded runs) that change only when data changes:
// read once per data generation of the page cache and shared across requests, by the same rules
// that keep a page (response-cache.ts). A value is kept for the generation its read began in and
// only while that generation lasts; a read that overlapped a change is answered but not kept;
// a failed read is forgotten; entries age out with the page cache's age limit and the least
// recently used go first past `maxEntries`. Kept values are frozen: every request shares them.

export type DataMemoSettings = {
  /** Values kept before the least recently used are dropped. */
  maxEntries: number;
  /** A value's age limit, milliseconds (the page cache's ttlMs). */
  ttlMs: number;
};

type MemoEntry = { generation: number; storedAt: number; value: Promise<unknown> };

/** Freezes `value` and everything it holds (plain objects and arrays), so no reader can change what another reads. */
export function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/** The cross-request memo behind ResponseCacheRegistry.remember (one per ResponseCache). */
export class DataMemo {
  private readonly entries = new Map<string, MemoEntry>();

  constructor(
    readonly settings: DataMemoSettings,
    /** The page cache's data generation now (ResponseCache.generation). */
    private readonly generation: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Values kept (settled or still being read). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The value of `key` in the current data generation: `read()` once per generation (concurrent
   * callers share one read), then the same value until the generation moves or the age limit
   * passes. A value for which `keep` says false (null for "no such run") is answered but never kept.
   */
  remember<T>(key: string, read: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const generation = this.generation();
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      if (hit.generation === generation && now - hit.storedAt <= this.settings.ttlMs) {
        // Most recently used last: Map keeps insertion order.
        this.entries.set(key, hit);
        return hit.value as Promise<T>;
      }
    }
    const value = read();
    const entry: MemoEntry = { generation, storedAt: now, value };
    this.entries.set(key, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.settings.maxEntries) break;
      this.entries.delete(oldest);
    }
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    // Registered before the caller's own continuation, so the value is frozen before anyone sees it.
    value.then(
      (settled) => {
        // Frozen whether kept or not, so a reader behaves the same on a kept and on a fresh value.
        deepFreeze(settled);
        if (this.generation() !== generation || !keep(settled)) forget();
      },
      forget,
    );
    return value;
  }

  /** Forget every value (the data changed). */
  clear(): void {
    this.entries.clear();
  }
}
