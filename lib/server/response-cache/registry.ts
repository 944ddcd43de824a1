// The link between the web server's response cache (scripts/server.ts, outside Next's bundles)
// and the app's code (inside them): one object on globalThis, so both module graphs see the same.

import { deepFreeze } from './data-memo';

/** Request header the server sets on every page request it may cache; any incoming value is replaced. */
export const REQUEST_ID_HEADER = 'x-segmenta-request-id';

export type ResponseCacheRegistry = {
  /**
   * The page rendered for this request shows only what stays true until the next data change: it
   * may be cached, but never answered at or after `until` (ms since the epoch; the viewer's
   * session ends then). Without `until`, only the cache's age limit applies.
   */
  allow(requestId: string, until?: number): void;
  /** Something failed while rendering this request: never cache it, even if the page allowed it. */
  deny(requestId: string): void;
  /** Data every page may show changed (a run finished, a dataset was deleted): forget every cached page. */
  dataChanged(reason: string): void;
  /**
   * A fact that stays true until the next data change (a succeeded run's metrics, its dataset's
   * name): `read()` once per data generation, shared by every request until `dataChanged` or the
   * page cache's age limit; a value read while the data changed, or for which `keep` says false,
   * is answered but not kept (data-memo.ts). Every value answered is frozen, kept or not.
   */
  remember<T>(key: string, read: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>;
};

const KEY = Symbol.for('segmenta.responseCache');

type WithRegistry = typeof globalThis & { [KEY]?: ResponseCacheRegistry };

/** The running server's registry, or null when no response cache runs (next dev, tests, the command line). */
export function responseCacheRegistry(): ResponseCacheRegistry | null {
  return (globalThis as WithRegistry)[KEY] ?? null;
}

/** Installed once by the server that owns the cache; replaced by a later install (tests). */
export function installResponseCacheRegistry(registry: ResponseCacheRegistry | null): void {
  if (registry) (globalThis as WithRegistry)[KEY] = registry;
  else delete (globalThis as WithRegistry)[KEY];
}

/**
 * `read()` through the page cache's memo of facts that change only with the data (see
 * ResponseCacheRegistry.remember); read on every call when no page cache runs (next dev, tests,
 * the command line, SEGMENTA_PAGE_CACHE=off), whose writes would not be seen by such a memo.
 * `key` names the fact and everything it depends on ("run-money:7").
 */
export function rememberUntilDataChanges<T>(key: string, read: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
  const registry = responseCacheRegistry();
  if (registry) return registry.remember(key, read, keep);
  // Frozen here too, so next dev and the tests meet the same read-only values the page cache shares.
  return read().then((value) => {
    deepFreeze(value);
    return value;
  });
}

/** Tell the response cache (if one runs) that what pages show changed; a no-op otherwise. */
export function notifyDataChanged(reason: string): void {
  responseCacheRegistry()?.dataChanged(reason);
}
