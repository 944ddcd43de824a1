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

/** First come, first served, `slots` at a time; a slot is given back when the response closes (sent, failed or abandoned). */
export class PageQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** Index of the first waiter still in `waiting` (the array is compacted now and then). */
  private head = 0;
  private counts = { served: 0, dropped: 0, longestWait: 0 };

  constructor(
    readonly slots: number,
    readonly holdMs = PAGE_SLOT_HOLD_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(slots) || slots < 0) throw new Error(`PageQueue slots must be a whole number, got ${slots}`);
  }

  /**
   * Calls `start` now when a slot is free (or the queue is off), else once the pages asked before
   * it have started and one of them has closed. `start` is never called for a request whose
   * response closed while it waited.
   */
  admit(res: QueuedResponse, start: () => void): void {
    if (this.slots === 0) {
      start();
      return;
    }
    if (this.running < this.slots && this.head === this.waiting.length) {
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
    this.waiting.push(waiter);
    res.once('close', () => {
      if (waiter.start) {
        waiter.start = null;
        this.counts.dropped += 1;
      }
    });
  }

  stats(): PageQueueStats {
    return { slots: this.slots, running: this.running, waiting: this.waitingCount(), ...this.counts };
  }

  private waitingCount(): number {
    let count = 0;
    for (let i = this.head; i < this.waiting.length; i += 1) if (this.waiting[i]!.start) count += 1;
    return count;
  }

  private begin(res: QueuedResponse, start: () => void): void {
    this.running += 1;
    this.counts.served += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.next();
    };
    res.once('close', release);
    // A page that waits long (for the database, during a save) gives its slot to the next page.
    if (this.holdMs > 0) setTimeout(release, this.holdMs).unref();
    try {
      start();
    } catch (error) {
      release();
      throw error;
    }
    // A response that closed before its 'close' listener was attached.
    if (res.destroyed && !released) release();
  }

  private next(): void {
    while (this.running < this.slots && this.head < this.waiting.length) {
      const waiter = this.waiting[this.head]!;
      this.head += 1;
      const start = waiter.start;
      waiter.start = null;
      if (start) start();
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
  }
}

/**
 * The web server's request listener: page requests (`isCacheCandidate`: GETs of pages, not the
 * API, not Next's static files) go through `queue`; everything else is answered at once.
 */
export function queuePages(queue: PageQueue, answer: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (isCacheCandidate(req)) queue.admit(res, () => answer(req, res));
    else answer(req, res);
  };
}
