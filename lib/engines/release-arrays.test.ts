import { expect, test } from 'vitest';
import { releaseArrays } from './release-arrays';

test('released arrays are detached: every view of their buffers reads as empty', () => {
  const codes = new Int32Array(1000).fill(7);
  const head = codes.subarray(0, 10);
  const other = new Float64Array([1, 2, 3]);
  releaseArrays(head, other);
  expect(codes.length).toBe(0);
  expect(head.length).toBe(0);
  expect(codes.buffer.byteLength).toBe(0);
  expect(other.length).toBe(0);
});

test('arrays not passed, empty arrays, shared buffers and missing arrays are left alone', () => {
  const kept = new Uint8Array([1, 2, 3]);
  const shared = new Int32Array(new SharedArrayBuffer(16));
  shared[0] = 5;
  const released = new Int32Array(4);
  releaseArrays(released, new Int32Array(0), shared, null, undefined);
  releaseArrays(released);
  expect([...kept]).toEqual([1, 2, 3]);
  expect(shared[0]).toBe(5);
  expect(released.length).toBe(0);
});
