import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DataDirInUseError, LOCK_FILE_NAME, lockDataDir, processStartTime } from './data-dir-lock';

const onLinux = existsSync('/proc/self/stat');

function folderWithLock(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'segmenta-lock-'));
  writeFileSync(join(dir, LOCK_FILE_NAME), content);
  return dir;
}

test.skipIf(!onLinux)('the start time is field 22 of /proc/<pid>/stat, even when the command name holds spaces and parentheses', async () => {
  const own = processStartTime(process.pid);
  expect(own).toMatch(/^\d+$/);
  expect(processStartTime(process.pid)).toBe(own);
  // A child whose command name is "a b) c" (a copy of sleep), started later than this process.
  const oddName = join(mkdtempSync(join(tmpdir(), 'segmenta-lock-')), 'a b) c');
  copyFileSync('/bin/sleep', oddName);
  chmodSync(oddName, 0o755);
  const child = spawn(oddName, ['30'], { stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readFileSync(`/proc/${child.pid}/stat`, 'utf8')).toContain('(a b) c)');
    const theirs = processStartTime(child.pid as number);
    expect(theirs).toMatch(/^\d+$/);
    expect(Number(theirs)).toBeGreaterThanOrEqual(Number(own));
  } finally {
    child.kill();
  }
  expect(processStartTime(2147483646)).toBeNull();
});

test('a lock records this process and its start time; release removes it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segmenta-lock-'));
  const release = lockDataDir(dir);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toEqual({ pid: process.pid, startTime: processStartTime(process.pid) });
  expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  expect(() => lockDataDir(dir)).toThrow(/is in use \(this process already has it open\).*Stop the other Segmenta server first, or set SEGMENTA_DATA_DIR/);
  release();
  expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
});

test.skipIf(!onLinux)('a live lock refuses: the PID runs and its start time matches', () => {
  const dir = folderWithLock(JSON.stringify({ pid: 1, startTime: processStartTime(1) }));
  expect(() => lockDataDir(dir)).toThrow(/is in use \(process 1 has it open\)/);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: 1 });
});

test.skipIf(!onLinux)('a stale lock naming a live but unrelated process (the PID was reused) is taken over', () => {
  const wrongStart = String(Number(processStartTime(1)) + 12345);
  const dir = folderWithLock(JSON.stringify({ pid: 1, startTime: wrongStart }));
  const release = lockDataDir(dir);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
  release();
});

test.each([
  ['a dead PID', JSON.stringify({ pid: 2147483646, startTime: '5' })],
  ['a dead PID in the old bare-number format', '2147483646'],
  ['a half-written lock', '{"pid":'],
  ['an empty lock', ''],
])('%s is taken over', (_name, content) => {
  const dir = folderWithLock(content);
  const release = lockDataDir(dir);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
  release();
  expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
});

test('releasing does not remove a lock another process took over meanwhile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segmenta-lock-'));
  const release = lockDataDir(dir);
  const theirs = JSON.stringify({ pid: 1, startTime: processStartTime(1) });
  writeFileSync(join(dir, LOCK_FILE_NAME), theirs);
  release();
  expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(theirs);
});
