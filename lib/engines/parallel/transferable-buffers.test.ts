import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { expect, test } from 'vitest';
import { transferableBuffers } from './transferable-buffers';

test('finds each typed array buffer once, through objects, arrays, maps and sets', () => {
  const shared = new ArrayBuffer(64);
  const a = new Float64Array(shared, 0, 4);
  const b = new Int32Array(shared, 32, 8);
  const c = new Uint8Array(3);
  const d = new Int32Array(2);
  const e = new Float64Array(1);
  const value = { table: { a, b, names: ['x', 'y'], n: 3 }, list: [c, { nested: d }, 'z', 7], map: new Map([['k', e]]), set: new Set([c]), none: null };
  const found = transferableBuffers(value);
  expect(found).toHaveLength(4);
  expect(new Set(found)).toEqual(new Set([shared, c.buffer, d.buffer, e.buffer]));
});

test('leaves out shared, empty and detached buffers and survives cycles', () => {
  const cyclic: Record<string, unknown> = { sab: new Int32Array(new SharedArrayBuffer(8)), empty: new Float64Array(0) };
  cyclic.self = cyclic;
  const detached = new Uint8Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  cyclic.detached = detached;
  expect(transferableBuffers(cyclic)).toEqual([]);
  expect(transferableBuffers('text')).toEqual([]);
});

test('a message sent with them arrives whole and leaves the sender detached', () => {
  const message = { kind: 'done', table: { date: Float64Array.from([1.5, 2.5]), customer: Int32Array.from([3, -1]), customers: ['c1'] } };
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(message, transferableBuffers(message));
  const received = receiveMessageOnPort(port2)?.message as typeof message;
  port1.close();
  expect(Array.from(received.table.date)).toEqual([1.5, 2.5]);
  expect(Array.from(received.table.customer)).toEqual([3, -1]);
  expect(received.table.customers).toEqual(['c1']);
  expect(message.table.date.length).toBe(0);
});
