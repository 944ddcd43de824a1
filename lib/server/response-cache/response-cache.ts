// The web server's page cache: a finished run's pages rendered once, then answered from memory.
//
// Measured (docs/benchmarks.md, "Under load"): a dashboard page costs the web process 20-100 ms of
// CPU (rendering about 40 %), so 50 users saturate two cores at 10-20 pages a second. A finished
// run's results never change, so a page that shows only them (plus the lists of runs and
// audiences, which change only through this server) can be answered again from memory until
// the next change. Correctness rules, each tested in response-cache.test.ts:
//
// - Opt-in: a response is kept only when the page said so while rendering (`allow`, from
//   markResponseCacheable on the request's own id), with status 200, no Set-Cookie, HTML or RSC.
// - Per viewer: the key holds the URL, the Cookie and Authorization headers and every header
//   Next.js varies its answer on, so one user's page is never served to another; a signed-in
//   viewer's page is never answered after their session's end (the `until` of `allow`).
// - Never stale after a change made here: every write request (any method but GET, HEAD,
//   OPTIONS; but for the upload staging area's, which no page shows) and every run that finishes
//   empties the cache, before and after it runs, and a
//   page whose rendering overlapped a change is not kept. Changes made by another server on
//   the same PostgreSQL database are seen after `ttlMs` at most.
// - A fresh Content-Security-Policy nonce for every answer: the stored page's nonce is replaced.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { DataMemo } from './data-memo';
import { REQUEST_ID_HEADER, type ResponseCacheRegistry } from './registry';

export type ResponseCacheSettings = {
  enabled: boolean;
  /** Bytes of stored pages (uncompressed) before the least recently used are dropped. */
  maxBytes: number;
  /** A stored page's age limit, milliseconds. */
  ttlMs: number;
};

/** Facts kept by `remember` (data-memo.ts) before the least recently used are dropped. */
const MAX_MEMO_ENTRIES = 1_000;

/** A page larger than this (uncompressed) is never stored. */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/**
 * SEGMENTA_PAGE_CACHE ("on", the default, or "off"), SEGMENTA_PAGE_CACHE_MB (default 64) and
 * SEGMENTA_PAGE_CACHE_SECONDS (default 60). Throws an Error in words for a value it cannot use.
 */
export function readResponseCacheSettings(env: Readonly<Record<string, string | undefined>>): ResponseCacheSettings {
  const mode = (env.SEGMENTA_PAGE_CACHE ?? 'on').trim().toLowerCase();
  if (mode !== 'on' && mode !== 'off' && mode !== '') throw new Error(`SEGMENTA_PAGE_CACHE="${env.SEGMENTA_PAGE_CACHE}" is not a setting: use "on" or "off".`);
  const number = (name: string, fallback: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > max) throw new Error(`${name}="${raw}" is not a number from 0 to ${max}.`);
    return value;
  };
  const mb = number('SEGMENTA_PAGE_CACHE_MB', 64, 16_384);
  const seconds = number('SEGMENTA_PAGE_CACHE_SECONDS', 60, 86_400);
  return { enabled: mode !== 'off' && mb > 0 && seconds > 0, maxBytes: Math.round(mb * 1024 * 1024), ttlMs: Math.round(seconds * 1000) };
}

type Entry = {
  status: number;
  /** Response headers as sent, without the per-response ones (length, encoding, cookies, date). */
  headers: [string, string][];
  /** The body split at each occurrence of `nonce`, so a new nonce is joined in without a search. */
  segments: Buffer[];
  nonce: string | null;
  bytes: number;
  storedAt: number;
  /** Never answered at or after this moment (ms since the epoch): the viewer's session ends then. */
  until: number;
};

export type ResponseCacheStats = { hits: number; misses: number; stored: number; invalidations: number; entries: number; bytes: number; lastChange: string | null };

/** The request headers a page's answer may depend on besides its URL (Next.js's Vary list, the viewer, the host). */
const KEY_HEADERS = [
  'cookie',
  'authorization',
  'host',
  'x-forwarded-host',
  'x-forwarded-proto',
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
  'next-hmr-refresh',
];

/** Response headers never replayed: the cache writes its own length, encoding and date. */
const DROPPED_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'set-cookie', 'x-segmenta-cache']);

/** The store key of a GET request: its URL and every header in KEY_HEADERS (hashed). */
export function responseCacheKey(req: Pick<IncomingMessage, 'url' | 'headers'>): string {
  const hash = createHash('sha256').update(req.url ?? '');
  for (const name of KEY_HEADERS) {
    const value = req.headers[name];
    hash.update(`\0${name}=${Array.isArray(value) ? value.join('\n') : (value ?? '')}`);
  }
  return hash.digest('base64url');
}

/** A GET for a page (not Next's static files, not an API route, not the icon): the only requests looked up or stored. */
export function isCacheCandidate(req: Pick<IncomingMessage, 'method' | 'url'>): boolean {
  if (req.method !== 'GET') return false;
  const path = (req.url ?? '/').split('?', 1)[0]!;
  return !path.startsWith('/_next/') && !path.startsWith('/api/') && path !== '/favicon.ico' && path !== '/icon.svg';
}

/**
 * Writes that touch only the upload staging area (a file waiting for its preview, on disk), which
 * no page shows: staging, previewing and discarding a file leave the kept pages as they are.
 * "Analyse" (POST /api/uploads) creates the dataset and its run, so it empties the cache.
 */
const STAGING_ONLY_WRITES = [/^\/api\/uploads\/staging(?:\/[0-9A-Fa-f-]{1,64})?$/, /^\/api\/uploads\/preview$/];

/** A request that may change what pages show: any method but GET, HEAD and OPTIONS, except the staging-only writes. */
function changesPages(method: string | undefined, url: string | undefined): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const path = (url ?? '/').split('?', 1)[0]!;
  return !STAGING_ONLY_WRITES.some((pattern) => pattern.test(path));
}

/** The nonce a Content-Security-Policy header names ('nonce-...'), or null. */
export function nonceOfPolicy(policy: string | null): string | null {
  return policy?.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1] ?? null;
}

function splitAt(body: Buffer, separator: string | null): Buffer[] {
  if (!separator) return [body];
  const needle = Buffer.from(separator);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return body;
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      throw new Error(`unknown content encoding ${encoding}`);
  }
}

/** The encoding to answer with: brotli or gzip when the client accepts it (q > 0), else none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? accepted.get('*') ?? 0) > 0) return 'gzip';
  return null;
}

function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The page cache and the registry the app's pages talk to (see registry.ts). */
export class ResponseCache implements ResponseCacheRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Request id → the moment its page stops being valid for its viewer (Infinity: only the age limit). */
  private readonly allowed = new Map<string, number>();
  private readonly denied = new Set<string>();
  private bytes = 0;
  private counts = { hits: 0, misses: 0, stored: 0, invalidations: 0 };
  /** What emptied the cache last ("POST /data", "run 7 finished"). */
  private lastChange: string | null = null;
  private readonly localChangeListeners = new Set<(reason: string) => void>();
  /** Bumped by every change; a rendering that began under another generation is not stored. */
  generation = 0;
  /** Facts pages read on every request that change only with the data, kept per generation. */
  readonly memo: DataMemo;

  constructor(
    readonly settings: ResponseCacheSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.memo = new DataMemo({ maxEntries: MAX_MEMO_ENTRIES, ttlMs: settings.ttlMs }, () => this.generation, now);
  }

  remember<T>(key: string, read: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
    return this.settings.enabled ? this.memo.remember(key, read, keep) : read();
  }

  allow(requestId: string, until = Number.POSITIVE_INFINITY): void {
    const earlier = this.allowed.get(requestId);
    this.allowed.set(requestId, earlier === undefined ? until : Math.min(earlier, until));
  }

  deny(requestId: string): void {
    this.denied.add(requestId);
  }

  /**
   * Forget every kept page: `reason` changed what pages show. A change made here (`remote`
   * false) is also told to every `onLocalChange` listener (the other servers of a shared
   * database, shared-invalidation.ts); one heard from elsewhere is not sent on again.
   */
  dataChanged(reason: string, { remote = false }: { remote?: boolean } = {}): void {
    this.lastChange = reason;
    this.generation += 1;
    this.counts.invalidations += 1;
    this.entries.clear();
    this.memo.clear();
    this.bytes = 0;
    if (!remote) for (const listener of this.localChangeListeners) listener(reason);
  }

  /** Calls `listener` with the reason of every change made through this server; returns the unsubscribe. */
  onLocalChange(listener: (reason: string) => void): () => void {
    this.localChangeListeners.add(listener);
    return () => this.localChangeListeners.delete(listener);
  }

  stats(): ResponseCacheStats {
    return { ...this.counts, entries: this.entries.size, bytes: this.bytes, lastChange: this.lastChange };
  }

  private lookup(key: string): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    const now = this.now();
    if (now - entry.storedAt > this.settings.ttlMs || now >= entry.until) {
      this.remove(key, entry);
      return null;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private store(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    this.counts.stored += 1;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.settings.maxBytes) break;
      this.remove(k, e);
    }
  }

  private settle(requestId: string): { allowed: boolean; until: number } {
    const until = this.allowed.get(requestId);
    const allowed = until !== undefined && !this.denied.has(requestId);
    this.allowed.delete(requestId);
    this.denied.delete(requestId);
    return { allowed, until: until ?? 0 };
  }

  /**
   * Answer `req` from the cache, or pass it to `handle` (Next's request handler) and keep the
   * answer when the page allowed it. Writes empty the cache before and after they run.
   */
  serve(req: IncomingMessage, res: ServerResponse, handle: (req: IncomingMessage, res: ServerResponse) => unknown): unknown {
    // Only this server names requests; a client's own value is never believed.
    delete req.headers[REQUEST_ID_HEADER];
    if (!this.settings.enabled) return handle(req, res);
    if (changesPages(req.method, req.url)) {
      const what = `${req.method} ${(req.url ?? '').split('?', 1)[0]}`;
      this.dataChanged(what);
      res.once('close', () => this.dataChanged(what));
      return handle(req, res);
    }
    if (!isCacheCandidate(req)) return handle(req, res);

    const key = responseCacheKey(req);
    const hit = this.lookup(key);
    if (hit) {
      this.counts.hits += 1;
      this.answer(hit, req, res);
      return undefined;
    }
    this.counts.misses += 1;
    const requestId = randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    const generation = this.generation;
    this.capture(res, (body) => {
      const { allowed, until } = this.settle(requestId);
      if (!allowed || until <= this.now() || body === null || generation !== this.generation || res.statusCode !== 200) return;
      if (res.getHeader('set-cookie') !== undefined) return;
      const type = String(res.getHeader('content-type') ?? '');
      if (!type.startsWith('text/html') && !type.startsWith('text/x-component')) return;
      let plain: Buffer;
      try {
        plain = decode(body, res.getHeader('content-encoding') as string | undefined);
      } catch {
        return;
      }
      if (plain.length > MAX_ENTRY_BYTES) return;
      const headers: [string, string][] = [];
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (value === undefined || DROPPED_HEADERS.has(name)) continue;
        headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
      }
      const nonce = nonceOfPolicy((res.getHeader('content-security-policy') as string | undefined) ?? null);
      this.store(key, { status: 200, headers, segments: splitAt(plain, nonce), nonce, bytes: plain.length, storedAt: this.now(), until });
    });
    res.once('close', () => {
      if (!res.writableFinished) this.settle(requestId);
    });
    res.setHeader('x-segmenta-cache', 'miss');
    return handle(req, res);
  }

  /** Collects what is written to `res` (as sent, possibly compressed); `done(null)` when it grew past the limit. */
  private capture(res: ServerResponse, done: (body: Buffer | null) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_ENTRY_BYTES) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse['write'];
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as ServerResponse['end'];
    res.once('finish', () => done(overflow ? null : Buffer.concat(chunks)));
  }

  /** Sends a stored page with a fresh nonce, compressed as the client accepts. */
  private answer(entry: Entry, req: IncomingMessage, res: ServerResponse): void {
    const nonce = entry.nonce ? newNonce() : null;
    const replace = (value: string) => (entry.nonce && nonce ? value.split(entry.nonce).join(nonce) : value);
    const parts: Buffer[] = [];
    const fresh = nonce ? Buffer.from(nonce) : null;
    entry.segments.forEach((segment, i) => {
      if (i > 0 && fresh) parts.push(fresh);
      parts.push(segment);
    });
    const plain = Buffer.concat(parts);
    const encoding = chooseEncoding(req.headers['accept-encoding'] as string | undefined);
    // The fastest settings: on a cached page the compression is most of the work left.
    const body =
      encoding === 'br'
        ? brotliCompressSync(plain, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: plain.length } })
        : encoding === 'gzip'
          ? gzipSync(plain, { level: 1 })
          : plain;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of entry.headers) headers[name] = replace(value);
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = body.length;
    headers['x-segmenta-cache'] = 'hit';
    res.writeHead(entry.status, headers);
    res.end(body);
  }
}
