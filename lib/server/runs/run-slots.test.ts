import { expect, test } from 'vitest';
import { createRunSlots, maxConcurrentRuns, queuedMessage } from './run-slots';

test.each([
  [1, 'Queued: 1st in line'],
  [2, 'Queued: 2nd in line'],
  [3, 'Queued: 3rd in line'],
  [4, 'Queued: 4th in line'],
  [11, 'Queued: 11th in line'],
  [12, 'Queued: 12th in line'],
  [13, 'Queued: 13th in line'],
  [21, 'Queued: 21st in line'],
  [22, 'Queued: 22nd in line'],
  [111, 'Queued: 111th in line'],
])('queuedMessage(%d) = %s', (position, words) => {
  expect(queuedMessage(position)).toBe(words);
});

test.each([
  ['pglite', {}, 1],
  ['postgres', {}, 2],
  ['pglite', { SEGMENTA_MAX_CONCURRENT_RUNS: '3' }, 3],
  ['postgres', { SEGMENTA_MAX_CONCURRENT_RUNS: '0' }, 2],
  ['pglite', { SEGMENTA_MAX_CONCURRENT_RUNS: '1.5' }, 1],
] as const)('maxConcurrentRuns(%s, %o) = %d', (kind, env, n) => {
  expect(maxConcurrentRuns(kind, env)).toBe(n);
});

test('at most `limit` runs hold a slot; the others start oldest first as slots free', async () => {
  const slots = createRunSlots(() => 2);
  const started: number[] = [];
  const go = (id: number) => slots.acquire(id).then(() => started.push(id));
  void go(5);
  void go(9);
  void go(8);
  void go(6);
  await Promise.resolve();
  await Promise.resolve();
  expect(started).toEqual([5, 9]);
  expect(slots.counts).toEqual({ running: 2, waiting: 2 });
  slots.release(5);
  await Promise.resolve();
  await Promise.resolve();
  expect(started).toEqual([5, 9, 6]);
  // A waiting run that gives up its place never starts.
  slots.release(8);
  slots.release(9);
  slots.release(6);
  await Promise.resolve();
  expect(started).toEqual([5, 9, 6]);
  expect(slots.counts).toEqual({ running: 0, waiting: 0 });
});
