import { expect, test } from 'vitest';
import { snapshotLabel, snapshotLastDay, snapshotLastDayOf } from './snapshot-label';

test.each([
  ['2011-09-01', '31 Aug 2011'],
  ['2026-03-01', '28 Feb 2026'],
  ['2024-03-01', '29 Feb 2024'],
  ['2026-01-01', '31 Dec 2025'],
])('a snapshot on %s counts the purchases up to %s', (snapshot, last) => {
  expect(snapshotLastDay(Date.parse(`${snapshot}T00:00:00Z`))).toBe(last);
  expect(snapshotLabel(Date.parse(`${snapshot}T00:00:00Z`))).toBe(`snapshot ${last}`);
  expect(snapshotLastDayOf(snapshot)).toBe(last);
});
