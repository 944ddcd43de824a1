// Several web servers on one PostgreSQL database each keep their own page cache. Without this,
// a change made through one server (a rename, a removed user, a finished run) reached the others'
// kept pages only when those aged out. Each server LISTENs on one channel and NOTIFYs it on every
// change it makes; a notification from another server empties this server's cache as a local
// change would. PostgreSQL delivers a notification only once its transaction commits, and our
// own notifications are sent after the change's request or run has finished, so a page rendered
// across another server's change is not kept here either (its generation moved).
//
// If the listening connection drops, changes can be missed: the cache is emptied at once and on
// every reconnection, and the age limit (SEGMENTA_PAGE_CACHE_SECONDS) still bounds staleness.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ResponseCache } from './response-cache';

/** The NOTIFY channel the servers of one database share. */
export const CHANGE_CHANNEL = 'segmenta_page_cache';

/** What a server sends: who sent it (to skip its own) and why, for the cache's lastChange. */
type ChangeMessage = { from: string; reason: string };

export type SharedInvalidationOptions = {
  /** The database URL (postgres://...). */
  url: string;
  /** Wait before reconnecting after the listening connection drops, ms (default 2,000). */
  retryMs?: number;
  /** Where connection trouble is reported (default console.error). */
  log?: (line: string) => void;
};

export type SharedInvalidation = {
  /** This server's id in the messages. */
  readonly serverId: string;
  /** Resolves when LISTEN is in place (the first connection). */
  readonly ready: Promise<void>;
  /** Stops listening and sending; the cache keeps working alone. */
  close(): Promise<void>;
};

/** pg_notify's payload limit is 8,000 bytes; a reason is a short label, cut well below that. */
const MAX_REASON = 500;

/**
 * Joins `cache` to the other servers' caches on the PostgreSQL database at `url`: every change
 * this cache sees locally is sent on CHANGE_CHANNEL, and every change another server sends
 * empties this cache. Returns at once; `ready` resolves once the first LISTEN succeeded (or
 * rejects if the first connection fails: the caller logs it, and retries continue).
 */
export function shareInvalidations(cache: ResponseCache, options: SharedInvalidationOptions): SharedInvalidation {
  const serverId = randomUUID();
  const retryMs = options.retryMs ?? 2_000;
  const log = options.log ?? ((line: string) => console.error(line));
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let reportedTrouble = false;
  let connections = 0;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url });
    next.on('error', (error) => dropped(next, error));
    next.on('end', () => dropped(next, null));
    next.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL || !message.payload) return;
      let parsed: ChangeMessage;
      try {
        parsed = JSON.parse(message.payload) as ChangeMessage;
      } catch {
        return;
      }
      if (parsed.from === serverId) return;
      cache.dataChanged(`${String(parsed.reason).slice(0, MAX_REASON)} (another server)`, { remote: true });
    });
    await next.connect();
    await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    if (reportedTrouble) log('Segmenta: the page cache hears other servers\u2019 changes again.');
    reportedTrouble = false;
    // Whatever changed while nobody listened is unknown: start empty.
    if (connections > 0) cache.dataChanged('listening to other servers again', { remote: true });
    connections += 1;
  };

  const scheduleRetry = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((error: unknown) => {
        trouble(error as Error);
        scheduleRetry();
      });
    }, retryMs);
    retry.unref();
  };

  const trouble = (error: Error | null) => {
    if (reportedTrouble) return;
    reportedTrouble = true;
    log(`Segmenta: the page cache cannot hear other servers' changes (${error?.message ?? 'connection closed'}); kept pages are emptied now and age out after the age limit until it reconnects.`);
  };

  const dropped = (which: pg.Client, error: Error | null) => {
    if (closed || client !== which) return;
    client = null;
    cache.dataChanged('lost contact with other servers', { remote: true });
    trouble(error);
    void which.end().catch(() => undefined);
    scheduleRetry();
  };

  const unsubscribe = cache.onLocalChange((reason) => {
    const current = client;
    if (!current) return;
    const payload = JSON.stringify({ from: serverId, reason: reason.slice(0, MAX_REASON) } satisfies ChangeMessage);
    current.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload]).catch((error: unknown) => dropped(current, error as Error));
  });

  const ready = connect().catch((error: unknown) => {
    trouble(error as Error);
    scheduleRetry();
    throw error;
  });
  ready.catch(() => undefined);

  return {
    serverId,
    ready,
    async close() {
      closed = true;
      unsubscribe();
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      if (current) await current.end().catch(() => undefined);
    },
  };
}
