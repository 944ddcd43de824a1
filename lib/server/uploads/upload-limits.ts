// The limits an operator sets through the environment (README "Limits"); each falls back to its
// default when unset or not a positive number.
import { DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_MAX_EXPANSION_RATIO } from '../../engines/ingest/open-source';

type Env = Record<string, string | undefined>;

const MB = 1024 * 1024;
const GB = 1024 * MB;

export const DEFAULT_MAX_UPLOAD_MB = 2048;
export const DEFAULT_KEEP_UPLOADS_DAYS = 30;

function positive(value: string | undefined): number | null {
  const n = Number(value?.trim() || NaN);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Largest upload accepted, in bytes: SEGMENTA_MAX_UPLOAD_MB megabytes (default 2 GB). */
export function maxUploadBytes(env: Env = process.env): number {
  return Math.round((positive(env.SEGMENTA_MAX_UPLOAD_MB) ?? DEFAULT_MAX_UPLOAD_MB) * MB);
}

/**
 * How far a gzip upload may expand: SEGMENTA_MAX_EXPANSION_RATIO times its compressed size
 * (default 20) and SEGMENTA_MAX_EXPANDED_GB gigabytes (default 10), whichever is smaller.
 */
export function decompressionLimits(env: Env = process.env): { maxExpansionRatio: number; maxExpandedBytes: number } {
  const ratio = positive(env.SEGMENTA_MAX_EXPANSION_RATIO);
  const gb = positive(env.SEGMENTA_MAX_EXPANDED_GB);
  return {
    maxExpansionRatio: ratio !== null ? Math.max(1, ratio) : DEFAULT_MAX_EXPANSION_RATIO,
    maxExpandedBytes: gb !== null ? Math.round(gb * GB) : DEFAULT_MAX_EXPANDED_BYTES,
  };
}

/**
 * Days a dataset's uploaded file is kept after its last successful analysis:
 * SEGMENTA_KEEP_UPLOADS_DAYS (default 30); 0 removes it as soon as a run succeeds. Re-analysing
 * reads the stored lines, not the file, so removing it loses nothing the app needs.
 */
export function keepUploadsDays(env: Env = process.env): number {
  const raw = env.SEGMENTA_KEEP_UPLOADS_DAYS?.trim();
  if (raw === '0') return 0;
  return positive(raw) ?? DEFAULT_KEEP_UPLOADS_DAYS;
}
