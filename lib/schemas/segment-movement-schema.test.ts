import { expect, test } from 'vitest';
import { parseSegmentMovement, segmentMovementToSearchParams } from './segment-movement-schema';

test.each<[Record<string, string | string[] | undefined>, number | undefined]>([
  [{}, undefined],
  [{ since: '' }, undefined],
  [{ since: '12' }, 12],
  [{ since: ' 7 ' }, 7],
  [{ since: ['3', '9'] }, 9],
  [{ since: '2147483647' }, 2_147_483_647],
])('%j reads as since %j', (params, since) => {
  expect(parseSegmentMovement(params)).toEqual({ since });
});

test.each(['abc', '0', '-1', '1.5', '2147483648', '1e3'])('since=%j is dropped with a notice', (since) => {
  const parsed = parseSegmentMovement({ since });
  expect(parsed.since).toBeUndefined();
  expect(parsed.notice).toBe('The earlier snapshot is a run number such as 12; the latest earlier snapshot is shown instead.');
});

test.each([{ since: 12 }, { since: undefined }])('round-trips %j through the query string', (params) => {
  const query = segmentMovementToSearchParams(params).toString();
  expect(query).toBe(params.since === undefined ? '' : `since=${params.since}`);
  expect(parseSegmentMovement(Object.fromEntries(new URLSearchParams(query)))).toEqual(params);
});
