// The web server's page queue: pages are answered in the order they were asked for, at most
// `slots` at a time.
//
// Why (docs/benchmarks.md, "Pages in the order they were asked for"): the web process renders on
// one thread. Without a queue every page request starts at once, and 40 renders in progress take
// turns at each await, so each of them takes about 40 times its own work, while a page answered
// from the page cache jumps ahead of all of them. Under 50 users asking without pause, a rendered
// customer page took 1.5 s (p50) while cached pages took 15 ms. Taken in turn, each page waits for
// the pages asked before it and then gets the thread with few others: the same work, finished in
// the order it came, so no page waits far longer than the rest.
//
// Only page requests (HTML and React Server Component payloads, `isCacheCandidate`) queue. The
// API (status polls, uploads, exports that stream for minutes) and Next's static files never
// wait here. A request whose client goes away while it waits is dropped from the queue.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCacheCandidate } from '../response-cache/response-cache';

export type PageQueueStats = { slots: number; running: number; waiting: number; served: number; dropped: number; longestWait: number };

/** What the queue needs of a response: its 'close' (sent, failed or abandoned) and whether it already happened. */
export type QueuedResponse = { once(event: 'close', listener: () => void): unknown; readonly destroyed: boolean };

/** A page waiting for a slot: its start, or null once its client went away. */
type Waiter = { start: (() => void) | null };

/**
 * SEGMENTA_PAGE_SLOTS: pages answered at once (a whole number from 0 to 1000; default 4). 0 turns
 * the queue off: every page starts at once, as Next.js does on its own. Throws in words for anything else.
 */
export function readPageSlots(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.SEGMENTA_PAGE_SLOTS?.trim();
  if (!raw) return DEFAULT_PAGE_SLOTS;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) > 1000) throw new Error(`SEGMENTA_PAGE_SLOTS="${env.SEGMENTA_PAGE_SLOTS}" is not a whole number from 0 to 1000 (0 turns the page queue off).`);
  return Number(raw);
}

/** Measured on the 2-core machine, docs/benchmarks.md: enough pages at once to keep the thread busy while others wait for the database. */
export const DEFAULT_PAGE_SLOTS = 4;

/**
 * A page holds its slot for at most this long (ms); after that it goes on, but the next page
 * starts. A page that waits for the database (a section of a million customers, or any page while
 * an analysis's results are saved) would otherwise keep the pages behind it waiting too.
 */
export const PAGE_SLOT_HOLD_MS = 250;

/** A first-in, first-out list of waiting pages; taken from the front, compacted now and then. */
class Lane {
  private readonly items: Waiter[] = [];
  private head = 0;
  /** Waiters whose client is still there. */
  live = 0;

  push(waiter: Waiter): void {
    this.items.push(waiter);
    this.live += 1;
  }

  /** A waiter's client went away: it stays in the list until reached, but no longer counts. */
  dropped(): void {
    this.live -= 1;
  }

  /** The next waiter whose client is still there, or null. */
  take(): Waiter | null {
    while (this.head < this.items.length) {
      const waiter = this.items[this.head]!;
      this.head += 1;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      if (waiter.start) {
        this.live -= 1;
        return waiter;
      }
    }
    return null;
  }
}

/**
 * First come, first served, `slots` at a time; a slot is given back when the response closes
 * (sent, failed or abandoned) or after `holdMs`. Prefetches (Next.js asking ahead for a page the
 * viewer may open) wait in a lane of their own, behind every page a viewer asked for.
 */
export class PageQueue {
  private running = 0;
  private readonly asked = new Lane();
  private readonly prefetches = new Lane();
  private counts = { served: 0, dropped: 0, longestWait: 0 };

  constructor(
    readonly slots: number,
    readonly holdMs = PAGE_SLOT_HOLD_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(slots) || slots < 0) throw new Error(`PageQueue slots must be a whole number, got ${slots}`);
  }

  /**
   * Calls `start` now when a slot is free and nothing waits (or the queue is off), else once the
   * pages asked before it have started and a slot is free. A `prefetch` starts only when no other
   * page waits. `start` is never called for a request whose response closed while it waited.
   */
  admit(res: QueuedResponse, start: () => void, { prefetch = false }: { prefetch?: boolean } = {}): void {
    if (this.slots === 0) {
      start();
      return;
    }
    if (this.running < this.slots && this.asked.live === 0 && (!prefetch || this.prefetches.live === 0)) {
      this.begin(res, start);
      return;
    }
    const askedAt = this.now();
    const waiter: Waiter = {
      start: () => {
        this.counts.longestWait = Math.max(this.counts.longestWait, this.now() - askedAt);
        this.begin(res, start);
      },
    };
    const lane = prefetch ? this.prefetches : this.asked;
    lane.push(waiter);
    res.once('close', () => {
      if (waiter.start) {
        waiter.start = null;
        lane.dropped();
        this.counts.dropped += 1;
      }
    });
  }

  stats(): PageQueueStats {
    return { slots: this.slots, running: this.running, waiting: this.asked.live + this.prefetches.live, ...this.counts };
  }

  private begin(res: QueuedResponse, start: () => void): void {
    this.running += 1;
    this.counts.served += 1;
    let released = false;
    let timer: NodeJS.Timeout | null = null;
    const release = () => {
      if (released) return;
      released = true;
      if (timer) clearTimeout(timer);
      this.running -= 1;
      this.next();
    };
    res.once('close', release);
    // A page that waits long (for the database, during a save) gives its slot to the next page.
    if (this.holdMs > 0) timer = setTimeout(release, this.holdMs).unref();
    try {
      start();
    } catch (error) {
      release();
      throw error;
    }
    // A response that closed before its 'close' listener was attached.
    if (res.destroyed) release();
  }

  private next(): void {
    while (this.running < this.slots) {
      const waiter = this.asked.take() ?? this.prefetches.take();
      if (!waiter) return;
      const start = waiter.start!;
      waiter.start = null;
      start();
    }
  }
}

/**
 * The web server's request listener: page requests (`isCacheCandidate`: GETs of pages, not the
 * API, not Next's static files) go through `queue`; everything else is answered at once.
 */
export function queuePages(queue: PageQueue, answer: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (isCacheCandidate(req)) queue.admit(res, () => answer(req, res), { prefetch: req.headers['next-router-prefetch'] !== undefined });
    else answer(req, res);
  };
}
