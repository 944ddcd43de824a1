// The web server `npm start` runs: Next.js's request handler behind the page queue
// (lib/server/page-queue: pages answered in turn, a few at a time) and the page cache
// (lib/server/response-cache). Bundled by `npm run build` into .segmenta/server.mjs and started by
// scripts/next.mjs, which passes the port and the address to bind.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { installResponseCacheRegistry } from '../lib/server/response-cache/registry';
import { PageQueue, queuePages, readPageSlots } from '../lib/server/page-queue/page-queue';
import { ResponseCache, readResponseCacheSettings } from '../lib/server/response-cache/response-cache';
import { shareInvalidations } from '../lib/server/response-cache/shared-invalidation';
import { awaitStartup } from '../lib/server/startup-key';

export type WebServerOptions = { dir: string; port: number; hostname: string };

/** Starts Next.js (production build in `dir`) on `hostname:port` behind the page cache; resolves once listening. */
export async function startWebServer({ dir, port, hostname }: WebServerOptions): Promise<void> {
  let cache: ResponseCache;
  let pages: PageQueue;
  try {
    cache = new ResponseCache(readResponseCacheSettings(process.env));
    pages = new PageQueue(readPageSlots(process.env));
  } catch (error) {
    console.error(`Segmenta: ${(error as Error).message}`);
    process.exit(1);
  }
  if (cache.settings.enabled) installResponseCacheRegistry(cache);
  // On PostgreSQL, other servers may share the database: hear their changes, tell them ours.
  const databaseUrl = process.env.DATABASE_URL?.trim();
  const shared = cache.settings.enabled && databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? shareInvalidations(cache, { url: databaseUrl }) : null;
  await shared?.ready.catch(() => undefined);
  const app = next({ dev: false, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    Promise.resolve(cache.serve(req, res, handle)).catch((error: unknown) => {
      console.error(`Segmenta: answering ${req.method} ${req.url} failed: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The server failed to answer this request; try again.');
    });
  };
  const server = createServer(queuePages(pages, answer));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  await awaitStartup();
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
  const settings = cache.settings.enabled
    ? `page cache ${Math.round(cache.settings.maxBytes / 1024 / 1024)} MB, ${cache.settings.ttlMs / 1000} s${shared ? ', emptied by other servers\u2019 changes too' : ''}`
    : 'page cache off';
  const queue = pages.slots > 0 ? `pages answered ${pages.slots} at a time, in turn` : 'page queue off';
  console.log(`Segmenta: ready on http://${shown}:${port} (${settings}; ${queue}).`);
}
