import { expect, test } from 'vitest';
import { sampleKey } from './sample-key';

// Published FNV-1a 32-bit test vectors (as unsigned), read back as int4.
test.each([
  ['', 0x811c9dc5],
  ['a', 0xe40c292c],
  ['foobar', 0xbf9cf968],
])('sampleKey(%j) is FNV-1a', (id, unsigned) => {
  expect(sampleKey(id)).toBe(unsigned | 0);
  expect(sampleKey(id)).toBeGreaterThanOrEqual(-(2 ** 31));
  expect(sampleKey(id)).toBeLessThan(2 ** 31);
});
