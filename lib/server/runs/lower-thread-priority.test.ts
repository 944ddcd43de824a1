import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { expect, test } from 'vitest';
import { ANALYSIS_NICE, lowerThreadPriority } from './lower-thread-priority';

/** Nice value of each thread of this process, from /proc/self/task/<tid>/stat (field 19). */
function threadNiceValues(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    out.set(tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return out;
}

test.skipIf(process.platform !== 'linux')('on Linux it lowers the calling thread only, leaving the process’s other threads as they were', () => {
  const before = threadNiceValues();
  expect(lowerThreadPriority()).toBe(true);
  const after = threadNiceValues();
  const self = readFileSync('/proc/thread-self/stat', 'utf8');
  const selfTid = self.slice(0, self.indexOf(' '));
  expect(after.get(selfTid)).toBe(ANALYSIS_NICE);
  expect(getPriority()).toBe(ANALYSIS_NICE);
  // Threads started before the call (V8's and libuv's helpers) keep their nice value.
  const others = [...before].filter(([tid]) => tid !== selfTid && after.has(tid));
  expect(others.length).toBeGreaterThan(0);
  for (const [tid, nice] of others) expect(after.get(tid)).toBe(nice);
});
