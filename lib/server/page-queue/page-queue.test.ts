import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PAGE_SLOTS, PageQueue, queuePages, readPageSlots } from './page-queue';

/** A response as the queue sees it: 'close' once, when sent or abandoned. */
class FakeResponse extends EventEmitter {
  writableEnded = false;
  destroyed = false;
  close(): void {
    this.writableEnded = true;
    this.destroyed = true;
    this.emit('close');
  }
}

function ask(queue: PageQueue, started: string[], name: string): FakeResponse {
  const res = new FakeResponse();
  queue.admit(res, () => started.push(name));
  return res;
}

describe('PageQueue', () => {
  it('starts pages at once while slots are free, then in the order they were asked for as slots come back', () => {
    const queue = new PageQueue(2);
    const started: string[] = [];
    const a = ask(queue, started, 'a');
    const b = ask(queue, started, 'b');
    ask(queue, started, 'c');
    const d = ask(queue, started, 'd');
    ask(queue, started, 'e');
    expect(started).toEqual(['a', 'b']);
    expect(queue.stats()).toMatchObject({ running: 2, waiting: 3 });
    b.close();
    expect(started).toEqual(['a', 'b', 'c']);
    a.close();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    d.close();
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(queue.stats()).toMatchObject({ running: 2, waiting: 0, served: 5, dropped: 0 });
  });

  it('a page asked while others wait queues behind them even when a slot is momentarily free', () => {
    const queue = new PageQueue(1);
    const started: string[] = [];
    const a = ask(queue, started, 'a');
    ask(queue, started, 'b');
    a.close();
    ask(queue, started, 'c');
    expect(started).toEqual(['a', 'b']);
  });

  it('drops a page whose client went away while it waited, and never starts it', () => {
    const queue = new PageQueue(1);
    const started: string[] = [];
    const a = ask(queue, started, 'a');
    const b = ask(queue, started, 'b');
    ask(queue, started, 'c');
    b.close();
    expect(queue.stats()).toMatchObject({ waiting: 1, dropped: 1 });
    a.close();
    expect(started).toEqual(['a', 'c']);
    expect(queue.stats()).toMatchObject({ running: 1, waiting: 0, served: 2, dropped: 1 });
  });

  it('gives a slot back once only, however often the response closes', () => {
    const queue = new PageQueue(1);
    const started: string[] = [];
    const a = ask(queue, started, 'a');
    ask(queue, started, 'b');
    ask(queue, started, 'c');
    a.close();
    a.close();
    expect(started).toEqual(['a', 'b']);
    expect(queue.stats()).toMatchObject({ running: 1, waiting: 1 });
  });

  it('gives the slot back when the page throws as it starts, and the next page starts', () => {
    const queue = new PageQueue(1);
    const started: string[] = [];
    expect(() => queue.admit(new FakeResponse(), () => {
      throw new Error('render failed');
    })).toThrow('render failed');
    ask(queue, started, 'b');
    expect(started).toEqual(['b']);
  });

  it('a prefetch waits behind every page a viewer asked for, even one asked after it', () => {
    const queue = new PageQueue(1);
    const started: string[] = [];
    const a = ask(queue, started, 'a');
    const p = new FakeResponse();
    queue.admit(p, () => started.push('prefetch'), { prefetch: true });
    const b = ask(queue, started, 'b');
    a.close();
    expect(started).toEqual(['a', 'b']);
    b.close();
    expect(started).toEqual(['a', 'b', 'prefetch']);
    expect(queue.stats()).toMatchObject({ running: 1, waiting: 0 });
  });

  it('a prefetch starts at once when a slot is free and nothing waits; one dropped while waiting is not counted', () => {
    const queue = new PageQueue(1);
    const started: string[] = [];
    const first = new FakeResponse();
    queue.admit(first, () => started.push('prefetch 1'), { prefetch: true });
    const second = new FakeResponse();
    queue.admit(second, () => started.push('prefetch 2'), { prefetch: true });
    expect(queue.stats()).toMatchObject({ running: 1, waiting: 1 });
    second.close();
    expect(queue.stats()).toMatchObject({ running: 1, waiting: 0, dropped: 1 });
    first.close();
    ask(queue, started, 'a');
    expect(started).toEqual(['prefetch 1', 'a']);
  });

  it('a page that holds its slot past holdMs lets the next page start; its close later frees nothing more', () => {
    vi.useFakeTimers();
    try {
      const queue = new PageQueue(1, 250);
      const started: string[] = [];
      const slow = ask(queue, started, 'slow');
      const b = ask(queue, started, 'b');
      ask(queue, started, 'c');
      vi.advanceTimersByTime(249);
      expect(started).toEqual(['slow']);
      vi.advanceTimersByTime(1);
      expect(started).toEqual(['slow', 'b']);
      slow.close();
      expect(started).toEqual(['slow', 'b']);
      b.close();
      expect(started).toEqual(['slow', 'b', 'c']);
      expect(queue.stats()).toMatchObject({ running: 1, waiting: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('with 0 slots starts every page at once (the queue is off)', () => {
    const queue = new PageQueue(0);
    const started: string[] = [];
    for (const name of ['a', 'b', 'c']) ask(queue, started, name);
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('keeps its order through many pages (the waiting list is compacted as it goes)', () => {
    const queue = new PageQueue(3);
    const started: string[] = [];
    const open: FakeResponse[] = [];
    for (let i = 0; i < 5000; i += 1) open.push(ask(queue, started, String(i)));
    for (let i = 0; i < 5000; i += 1) open[i]!.close();
    expect(started).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
    expect(queue.stats()).toMatchObject({ running: 0, waiting: 0, served: 5000 });
  });
});

describe('readPageSlots', () => {
  it('reads SEGMENTA_PAGE_SLOTS, with the default when unset or blank', () => {
    expect(readPageSlots({})).toBe(DEFAULT_PAGE_SLOTS);
    expect(readPageSlots({ SEGMENTA_PAGE_SLOTS: ' ' })).toBe(DEFAULT_PAGE_SLOTS);
    expect(readPageSlots({ SEGMENTA_PAGE_SLOTS: '0' })).toBe(0);
    expect(readPageSlots({ SEGMENTA_PAGE_SLOTS: ' 12 ' })).toBe(12);
  });

  it('refuses in words what is not a whole number from 0 to 1000', () => {
    for (const bad of ['-1', '2.5', 'four', '1001', '1e3']) {
      expect(() => readPageSlots({ SEGMENTA_PAGE_SLOTS: bad })).toThrow(`SEGMENTA_PAGE_SLOTS="${bad}" is not a whole number from 0 to 1000`);
    }
  });
});

describe('queuePages on a real HTTP server', () => {
  it('makes a page wait for the page before it, while the API and static files answer at once', async () => {
    const queue = new PageQueue(1);
    let finishFirst: () => void = () => undefined;
    const order: string[] = [];
    const server = createServer(
      queuePages(queue, (req, res) => {
        order.push(`start ${req.url}`);
        if (req.url === '/segments') {
          finishFirst = () => res.end('segments');
          return;
        }
        res.end(String(req.url));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.text());
    try {
      const first = get('/segments');
      await waitFor(() => order.includes('start /segments'));
      const page = get('/customers?page=2');
      // The API and Next's files are not pages: they answer while the page above still holds the one slot.
      expect(await get('/api/runs/1')).toBe('/api/runs/1');
      expect(await get('/_next/static/chunk.js')).toBe('/_next/static/chunk.js');
      expect(order).not.toContain('start /customers?page=2');
      expect(queue.stats()).toMatchObject({ running: 1, waiting: 1 });
      finishFirst();
      expect(await first).toBe('segments');
      expect(await page).toBe('/customers?page=2');
      expect(order).toEqual(['start /segments', 'start /api/runs/1', 'start /_next/static/chunk.js', 'start /customers?page=2']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('the condition was not met within a second');
}
