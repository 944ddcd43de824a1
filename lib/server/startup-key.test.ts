import { afterEach, expect, test } from 'vitest';
import { awaitStartup, STARTUP_KEY } from './startup-key';

const registry = globalThis as Record<symbol, unknown>;
afterEach(() => {
  delete registry[STARTUP_KEY];
});

test('waits for a start-up that begins after it is called, and resolves only once that has finished', async () => {
  const order: string[] = [];
  setTimeout(() => {
    registry[STARTUP_KEY] = new Promise<void>((resolve) => setTimeout(() => (order.push('started up'), resolve()), 30));
  }, 20);
  await awaitStartup(1_000, 5);
  order.push('ready');
  expect(order).toEqual(['started up', 'ready']);
});

test('passes a failed start-up on, and gives up waiting when none begins', async () => {
  registry[STARTUP_KEY] = Promise.reject(new Error('database in use'));
  await expect(awaitStartup(1_000, 5)).rejects.toThrow('database in use');
  delete registry[STARTUP_KEY];
  // A start-up that begins only after the waiting ended is not waited for.
  const order: string[] = [];
  const late = new Promise<void>((resolve) => setTimeout(() => (order.push('started up'), resolve()), 200));
  setTimeout(() => (registry[STARTUP_KEY] = late), 100);
  await awaitStartup(20, 5);
  order.push('ready');
  await late;
  expect(order).toEqual(['ready', 'started up']);
});
