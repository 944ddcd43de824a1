import { expect, test } from 'vitest';
import { decompressionLimits, keepUploadsDays, maxUploadBytes } from './upload-limits';

const MB = 1024 * 1024;

test.each([
  [{}, 2048 * MB],
  [{ SEGMENTA_MAX_UPLOAD_MB: '10' }, 10 * MB],
  [{ SEGMENTA_MAX_UPLOAD_MB: '0.5' }, 0.5 * MB],
  [{ SEGMENTA_MAX_UPLOAD_MB: '-3' }, 2048 * MB],
  [{ SEGMENTA_MAX_UPLOAD_MB: 'lots' }, 2048 * MB],
  [{ SEGMENTA_MAX_UPLOAD_MB: '' }, 2048 * MB],
])('maxUploadBytes(%o) = %d', (env, bytes) => {
  expect(maxUploadBytes(env)).toBe(bytes);
});

test.each([
  [{}, { maxExpansionRatio: 20, maxExpandedBytes: 10 * 1024 * MB }],
  [{ SEGMENTA_MAX_EXPANSION_RATIO: '50', SEGMENTA_MAX_EXPANDED_GB: '1' }, { maxExpansionRatio: 50, maxExpandedBytes: 1024 * MB }],
  [{ SEGMENTA_MAX_EXPANSION_RATIO: '0.2' }, { maxExpansionRatio: 1, maxExpandedBytes: 10 * 1024 * MB }],
  [{ SEGMENTA_MAX_EXPANDED_GB: 'x' }, { maxExpansionRatio: 20, maxExpandedBytes: 10 * 1024 * MB }],
])('decompressionLimits(%o)', (env, limits) => {
  expect(decompressionLimits(env)).toEqual(limits);
});

test.each([
  [{}, 30],
  [{ SEGMENTA_KEEP_UPLOADS_DAYS: '0' }, 0],
  [{ SEGMENTA_KEEP_UPLOADS_DAYS: '7' }, 7],
  [{ SEGMENTA_KEEP_UPLOADS_DAYS: 'never' }, 30],
])('keepUploadsDays(%o) = %d', (env, days) => {
  expect(keepUploadsDays(env)).toBe(days);
});
