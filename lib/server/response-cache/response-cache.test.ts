import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test } from 'vitest';
import { installResponseCacheRegistry, notifyDataChanged, REQUEST_ID_HEADER } from './registry';
import { chooseEncoding, nonceOfPolicy, readResponseCacheSettings, ResponseCache, responseCacheKey, type ResponseCacheSettings } from './response-cache';

// Next's own compression middleware (what `next start` wraps every response in), so the cache is
// tested against compressed writes exactly as the server makes them.
const compression = createRequire(import.meta.url)('next/dist/compiled/compression') as () => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

type Page = {
  status?: number;
  allow?: boolean;
  /** The viewer's session end the page passes with `allow` (ms since the epoch). */
  until?: number;
  deny?: boolean;
  setCookie?: boolean;
  contentType?: string;
  /** Resolves when the handler may finish its answer. */
  hold?: Promise<void>;
  body?: string;
};

let servers: Server[] = [];
afterEach(async () => {
  installResponseCacheRegistry(null);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

const SETTINGS: ResponseCacheSettings = { enabled: true, maxBytes: 1024 * 1024, ttlMs: 60_000 };

/** A server whose handler imitates a Next page: a CSP nonce in the header and in the body, opt-in through the registry. */
async function startServer(pageFor: (req: IncomingMessage) => Page, settings = SETTINGS, now?: () => number) {
  const cache = new ResponseCache(settings, now);
  installResponseCacheRegistry(cache);
  const seen: { url: string; requestId: string | undefined }[] = [];
  let counter = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    compression()(req, res, () => undefined);
    const page = pageFor(req);
    const requestId = req.headers[REQUEST_ID_HEADER] as string | undefined;
    seen.push({ url: req.url ?? '', requestId });
    counter += 1;
    const nonce = `nonce${counter}AAAA==`;
    res.statusCode = page.status ?? 200;
    res.setHeader('content-type', page.contentType ?? 'text/html; charset=utf-8');
    res.setHeader('content-security-policy', `script-src 'self' 'nonce-${nonce}'`);
    if (page.setCookie) res.setHeader('set-cookie', 'session=renewed');
    if (page.allow && requestId) cache.allow(requestId, page.until);
    res.write(`<html><script nonce="${nonce}">1</script>`);
    if (page.hold) await page.hold;
    if (page.deny && requestId) cache.deny(requestId);
    res.end(`${page.body ?? `<p>${req.url} ${'x'.repeat(2000)}</p>`}<script nonce="${nonce}">2</script></html>`);
  };
  const server = createServer((req, res) => void cache.serve(req, res, handle));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { cache, seen, base };
}

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  const body = await response.text();
  const policy = response.headers.get('content-security-policy');
  return { status: response.status, body, policy, nonce: nonceOfPolicy(policy), cache: response.headers.get('x-segmenta-cache') };
}

/** Resolves once `condition` holds (polled every 5 ms); the test's own timeout bounds it. */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The body with its nonce named, so two answers of the same page compare equal. */
const withoutNonce = (body: string, nonce: string | null) => (nonce ? body.split(nonce).join('NONCE') : body);

describe('ResponseCache', () => {
  test('a page that allows it is answered from memory the second time, with a fresh nonce in header and body', async () => {
    const { seen, base, cache } = await startServer(() => ({ allow: true }));
    const first = await get(base, '/segments?country=France');
    const second = await get(base, '/segments?country=France');
    expect(first.cache).toBe('miss');
    expect(second.cache).toBe('hit');
    expect(seen).toHaveLength(1);
    expect(second.nonce).not.toBeNull();
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.body).toContain(`nonce="${second.nonce}"`);
    expect(second.body).not.toContain(first.nonce!);
    expect(withoutNonce(second.body, second.nonce)).toBe(withoutNonce(first.body, first.nonce));
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, stored: 1, entries: 1 });
  });

  test('another URL, another viewer (cookie) or an RSC request is another entry', async () => {
    const { seen, base } = await startServer(() => ({ allow: true }));
    await get(base, '/segments');
    await get(base, '/segments?country=France');
    await get(base, '/segments', { cookie: 'better-auth.session_token=alice' });
    await get(base, '/segments', { cookie: 'better-auth.session_token=bob' });
    await get(base, '/segments', { rsc: '1' });
    expect(seen).toHaveLength(5);
    const again = await get(base, '/segments', { cookie: 'better-auth.session_token=bob' });
    expect(again.cache).toBe('hit');
    expect(again.body).toContain('/segments');
    expect(seen).toHaveLength(5);
  });

  test('a page that does not allow it, a failed rendering, a non-200 answer, a new cookie or another content type is never kept', async () => {
    const pages: Record<string, Page> = {
      '/data': { allow: false },
      '/error': { allow: true, deny: true },
      '/missing': { allow: true, status: 404 },
      '/signed': { allow: true, setCookie: true },
      '/json': { allow: true, contentType: 'application/json' },
    };
    const { seen, base } = await startServer((req) => pages[req.url ?? '']!);
    for (const path of Object.keys(pages)) {
      await get(base, path);
      const second = await get(base, path);
      expect(second.cache, path).toBe('miss');
    }
    expect(seen).toHaveLength(10);
  });

  test('every write request empties the cache, and so does a data change the app reports', async () => {
    const { seen, base, cache } = await startServer(() => ({ allow: true }));
    await get(base, '/');
    expect((await get(base, '/')).cache).toBe('hit');
    await (await fetch(`${base}/data`, { method: 'POST', body: 'x' })).text();
    // The write empties the cache again when its socket closes, which the client may see after
    // the answer; a page rendered across that moment is rightly not kept, so wait for it.
    await until(() => cache.stats().invalidations === 2);
    expect((await get(base, '/')).cache).toBe('miss');
    expect((await get(base, '/')).cache).toBe('hit');
    notifyDataChanged('run 7 finished');
    expect((await get(base, '/')).cache).toBe('miss');
    // Requests: GET, POST, GET, GET (hit not counted), GET after the change.
    expect(seen.map((s) => s.url)).toEqual(['/', '/data', '/', '/']);
    expect(cache.stats()).toMatchObject({ invalidations: 3, lastChange: 'run 7 finished' });
  });

  test('staging, previewing and discarding an upload keep the cache; "Analyse" and look-alike paths empty it', async () => {
    const { base, cache } = await startServer(() => ({ allow: true }));
    await get(base, '/');
    const write = async (method: string, path: string) => {
      const before = cache.stats().invalidations;
      await (await fetch(`${base}${path}`, { method, body: method === 'DELETE' ? undefined : 'x' })).text();
      return before;
    };
    for (const [method, path] of [
      ['POST', '/api/uploads/staging?fileName=a.csv'],
      ['POST', '/api/uploads/preview'],
      ['DELETE', '/api/uploads/staging/3f2a9c1e-0b4d-4e8f-9a7b-1c2d3e4f5a6b'],
    ] as const) {
      await write(method, path);
      expect((await get(base, '/')).cache, `${method} ${path}`).toBe('hit');
    }
    expect(cache.stats().invalidations).toBe(0);
    for (const [method, path] of [
      ['POST', '/api/uploads'],
      ['POST', '/api/uploads/staging/..'],
      ['POST', '/api/uploads/previews'],
      ['DELETE', '/api/uploads/staging/a/b'],
    ] as const) {
      const before = await write(method, path);
      await until(() => cache.stats().invalidations === before + 2);
      expect((await get(base, '/')).cache, `${method} ${path}`).toBe('miss');
    }
  });

  test('a page whose rendering overlapped a write is not kept', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const { seen, base, cache } = await startServer((req) => (req.url === '/slow' ? { allow: true, hold } : { allow: true }));
    const slow = get(base, '/slow');
    await until(() => seen.length > 0);
    await (await fetch(`${base}/customers`, { method: 'POST', body: 'save audience' })).text();
    await until(() => cache.stats().invalidations === 2);
    release();
    expect((await slow).cache).toBe('miss');
    expect((await get(base, '/slow')).cache).toBe('miss');
    expect((await get(base, '/slow')).cache).toBe('hit');
  });

  test('a client cannot name its own request: the id the page sees is always the server’s', async () => {
    const { seen, base } = await startServer(() => ({ allow: true }));
    await get(base, '/clusters', { [REQUEST_ID_HEADER]: 'chosen-by-client' });
    await fetch(`${base}/api/exports`, { headers: { [REQUEST_ID_HEADER]: 'chosen-by-client' } });
    expect(seen[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]!.requestId).toBeUndefined();
  });

  test('API routes and Next static files are neither looked up nor kept', async () => {
    const { seen, base } = await startServer(() => ({ allow: true }));
    for (const path of ['/api/runs/1/scatter', '/_next/static/chunk.js']) {
      await get(base, path);
      expect((await get(base, path)).cache).toBeNull();
    }
    expect(seen).toHaveLength(4);
  });

  test('an entry older than the age limit is rendered again', async () => {
    let clock = 1_000_000;
    const { base } = await startServer(() => ({ allow: true }), { ...SETTINGS, ttlMs: 30_000 }, () => clock);
    await get(base, '/lifetime-value');
    clock += 29_000;
    expect((await get(base, '/lifetime-value')).cache).toBe('hit');
    clock += 31_000;
    expect((await get(base, '/lifetime-value')).cache).toBe('miss');
  });

  test('a page kept for a viewer whose session ends is never answered after that moment', async () => {
    let clock = 1_000_000;
    const { base, seen } = await startServer(
      (req) => ({ allow: true, until: { '/ending': clock + 5_000, '/ended': clock }[req.url ?? ''] ?? clock + 60_000 }),
      SETTINGS,
      () => clock,
    );
    await get(base, '/ending');
    await get(base, '/later');
    clock += 4_000;
    expect((await get(base, '/ending')).cache).toBe('hit');
    clock += 1_000;
    expect((await get(base, '/ending')).cache).toBe('miss');
    expect((await get(base, '/later')).cache).toBe('hit');
    // A session over by the time the page is rendered: not kept at all.
    const before = seen.length;
    await get(base, '/ended');
    expect((await get(base, '/ended')).cache).toBe('miss');
    expect(seen.length).toBe(before + 2);
  });

  test('past the size limit the least recently used pages go first', async () => {
    // Each page is about 2.1 KB; room for two.
    const { base, cache } = await startServer(() => ({ allow: true }), { ...SETTINGS, maxBytes: 4_500 });
    await get(base, '/a');
    await get(base, '/b');
    expect((await get(base, '/a')).cache).toBe('hit'); // /a is now the most recent
    await get(base, '/c'); // evicts /b
    expect(cache.stats().entries).toBe(2);
    expect((await get(base, '/a')).cache).toBe('hit');
    expect((await get(base, '/c')).cache).toBe('hit');
    expect((await get(base, '/b')).cache).toBe('miss');
  });

  test('answers compressed as the client accepts: brotli, gzip or none, all decoding to the same page', async () => {
    const { base } = await startServer(() => ({ allow: true, body: '<p>Champions £1,234</p>' }));
    await get(base, '/');
    const raw = (acceptEncoding: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer; cache: string | undefined }>((resolve, reject) => {
        const req = httpRequest(`${base}/`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks), cache: res.headers['x-segmenta-cache'] as string }));
        });
        req.on('error', reject);
        req.end();
      });
    const br = await raw('gzip, deflate, br');
    const gzip = await raw('gzip');
    const none = await raw('identity');
    expect([br.cache, gzip.cache, none.cache]).toEqual(['hit', 'hit', 'hit']);
    expect([br.encoding, gzip.encoding, none.encoding]).toEqual(['br', 'gzip', undefined]);
    const pages = [brotliDecompressSync(br.body), gunzipSync(gzip.body), none.body].map((b) => b.toString('utf8'));
    for (const page of pages) expect(page).toContain('<p>Champions £1,234</p>');
    expect(new Set(pages.map((p) => withoutNonce(p, p.match(/nonce="([^"]+)"/)![1]!))).size).toBe(1);
  });

  test('off: every request goes to the page', async () => {
    const { seen, base } = await startServer(() => ({ allow: true }), { ...SETTINGS, enabled: false });
    await get(base, '/');
    expect((await get(base, '/')).cache).toBeNull();
    expect(seen).toHaveLength(2);
  });
});

describe('response cache helpers', () => {
  test('the key changes with the URL and with each viewer header, not with others', () => {
    const key = (url: string, headers: Record<string, string>) => responseCacheKey({ url, headers });
    const base = key('/segments', { cookie: 'a' });
    expect(key('/segments', { cookie: 'a', 'user-agent': 'x' })).toBe(base);
    expect(key('/segments', { cookie: 'b' })).not.toBe(base);
    expect(key('/segments?page=2', { cookie: 'a' })).not.toBe(base);
    expect(key('/segments', { cookie: 'a', authorization: 'Bearer t' })).not.toBe(base);
    expect(key('/segments', { cookie: 'a', 'next-router-prefetch': '1' })).not.toBe(base);
  });

  test('encodings by the client’s preference list', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1, br;q=0')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });

  test('settings: defaults, off, and values refused in words', () => {
    expect(readResponseCacheSettings({})).toEqual({ enabled: true, maxBytes: 64 * 1024 * 1024, ttlMs: 60_000 });
    expect(readResponseCacheSettings({ SEGMENTA_PAGE_CACHE: 'off' }).enabled).toBe(false);
    expect(readResponseCacheSettings({ SEGMENTA_PAGE_CACHE_SECONDS: '0' }).enabled).toBe(false);
    expect(readResponseCacheSettings({ SEGMENTA_PAGE_CACHE_MB: '8', SEGMENTA_PAGE_CACHE_SECONDS: '5' })).toEqual({ enabled: true, maxBytes: 8 * 1024 * 1024, ttlMs: 5_000 });
    expect(() => readResponseCacheSettings({ SEGMENTA_PAGE_CACHE: 'maybe' })).toThrow('SEGMENTA_PAGE_CACHE="maybe" is not a setting: use "on" or "off".');
    expect(() => readResponseCacheSettings({ SEGMENTA_PAGE_CACHE_MB: 'lots' })).toThrow('SEGMENTA_PAGE_CACHE_MB="lots" is not a number from 0 to 16384.');
  });
});
