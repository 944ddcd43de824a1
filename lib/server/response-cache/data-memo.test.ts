import { describe, expect, test } from 'vitest';
import { DataMemo } from './data-memo';

/** A memo over a generation and a clock the test moves, with a reader that counts its calls. */
function setUp(settings = { maxEntries: 10, ttlMs: 60_000 }) {
  const state = { generation: 0, now: 1_000, reads: 0 };
  const memo = new DataMemo(settings, () => state.generation, () => state.now);
  const reader = (value: unknown) => async () => {
    state.reads += 1;
    return value;
  };
  return { state, memo, reader };
}

/** A promise the test resolves by hand, to hold a read open across a data change. */
function held<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('DataMemo', () => {
  test('reads a key once per generation, and again after the generation moves', async () => {
    const { state, memo, reader } = setUp();
    expect(await memo.remember('run-money:1', reader({ currency: 'GBP' }))).toEqual({ currency: 'GBP' });
    expect(await memo.remember('run-money:1', reader({ currency: 'EUR' }))).toEqual({ currency: 'GBP' });
    expect(state.reads).toBe(1);
    state.generation += 1;
    expect(await memo.remember('run-money:1', reader({ currency: 'EUR' }))).toEqual({ currency: 'EUR' });
    expect(state.reads).toBe(2);
  });

  test('different keys are read apart', async () => {
    const { memo, reader } = setUp();
    expect(await memo.remember('a', reader(1))).toBe(1);
    expect(await memo.remember('b', reader(2))).toBe(2);
    expect(await memo.remember('a', reader(3))).toBe(1);
  });

  test('concurrent callers in one generation share one read', async () => {
    const { memo } = setUp();
    const gate = held<string>();
    let reads = 0;
    const read = () => {
      reads += 1;
      return gate.promise;
    };
    const first = memo.remember('k', read);
    const second = memo.remember('k', read);
    gate.resolve('value');
    expect(await Promise.all([first, second])).toEqual(['value', 'value']);
    expect(reads).toBe(1);
  });

  test('a value whose read overlapped a data change is answered but not kept', async () => {
    const { state, memo, reader } = setUp();
    const gate = held<string>();
    const pending = memo.remember('k', () => gate.promise);
    state.generation += 1;
    gate.resolve('read before the change');
    expect(await pending).toBe('read before the change');
    expect(await memo.remember('k', reader('read after'))).toBe('read after');
    expect(state.reads).toBe(1);
  });

  test('a caller after a data change never joins a read begun before it', async () => {
    const { state, memo, reader } = setUp();
    const gate = held<string>();
    const before = memo.remember('k', () => gate.promise);
    state.generation += 1;
    const after = memo.remember('k', reader('new'));
    gate.resolve('old');
    expect(await before).toBe('old');
    expect(await after).toBe('new');
  });

  test('clear forgets every value', async () => {
    const { state, memo, reader } = setUp();
    await memo.remember('k', reader(1));
    memo.clear();
    expect(memo.size).toBe(0);
    expect(await memo.remember('k', reader(2))).toBe(2);
    expect(state.reads).toBe(2);
  });

  test('a failed read is forgotten, so the next caller reads again', async () => {
    const { memo, reader } = setUp();
    await expect(memo.remember('k', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(memo.size).toBe(0);
    expect(await memo.remember('k', reader('back'))).toBe('back');
  });

  test('a value `keep` refuses (no such run) is answered but read again next time', async () => {
    const { state, memo, reader } = setUp();
    const keep = (value: unknown) => value !== null;
    expect(await memo.remember('viewed-run:default', reader(null), keep)).toBeNull();
    expect(await memo.remember('viewed-run:default', reader({ runId: 1 }), keep)).toEqual({ runId: 1 });
    expect(await memo.remember('viewed-run:default', reader({ runId: 2 }), keep)).toEqual({ runId: 1 });
    expect(state.reads).toBe(2);
  });

  test('a value older than the age limit is read again', async () => {
    const { state, memo, reader } = setUp({ maxEntries: 10, ttlMs: 5_000 });
    await memo.remember('k', reader(1));
    state.now += 5_000;
    expect(await memo.remember('k', reader(2))).toBe(1);
    state.now += 1;
    expect(await memo.remember('k', reader(3))).toBe(3);
  });

  test('past maxEntries the least recently used key goes first', async () => {
    const { state, memo, reader } = setUp({ maxEntries: 2, ttlMs: 60_000 });
    await memo.remember('a', reader('a1'));
    await memo.remember('b', reader('b1'));
    await memo.remember('a', reader('a2'));
    await memo.remember('c', reader('c1'));
    expect(memo.size).toBe(2);
    expect(state.reads).toBe(3);
    expect(await memo.remember('a', reader('a3'))).toBe('a1');
    expect(await memo.remember('b', reader('b2'))).toBe('b2');
  });

  test('a kept value is frozen throughout, so one request cannot change what the next one reads', async () => {
    const { memo, reader } = setUp();
    const value = await memo.remember('k', reader({ runs: [{ id: 1 }], money: { currency: 'GBP' } }));
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => (value as { runs: { id: number }[] }).runs.push({ id: 2 })).toThrow(TypeError);
    expect(() => ((value as { money: { currency: string } }).money.currency = 'EUR')).toThrow(TypeError);
  });
});
