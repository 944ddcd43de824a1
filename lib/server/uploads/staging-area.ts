import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** Staged files older than this are removed at start-up: their preview was abandoned. */
export const STAGED_FILE_MAX_AGE_MS = 60 * 60 * 1000;

const DATA_FILE = 'data';
const META_FILE = 'meta.json';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(
      `The file is larger than the ${Math.round(limit / (1024 * 1024)).toLocaleString('en-US')} MB this server accepts. ` +
        'Compress it with gzip first (a .csv.gz is read as it is) or ask for SEGMENTA_MAX_UPLOAD_MB to be raised.',
    );
    this.name = 'UploadTooLargeError';
  }
}

/** The upload stopped before all its bytes came (the browser left or the connection broke). */
export class UploadInterruptedError extends Error {
  constructor() {
    super('The upload was interrupted before the whole file arrived; nothing was kept. Choose the file again.');
    this.name = 'UploadInterruptedError';
  }
}

export interface StagedFile {
  id: string;
  fileName: string;
  byteSize: number;
  /** Path of the staged bytes. */
  path: string;
  /** Settings (as settingsKey) of the last preview that read the file; null before one did. */
  previewed: string | null;
}

interface Meta {
  fileName: string;
  byteSize: number;
  previewed: string | null;
}

/** A canonical text of settings (keys sorted at every level), to compare what was previewed with what is confirmed. */
export function settingsKey(settings: unknown): string {
  return JSON.stringify(settings, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/**
 * Write an upload's bytes to a new folder of the staging area, refusing (and removing) it as soon
 * as it passes `limit` bytes. An upload that stops early (`signal` aborted, or fewer bytes than
 * `expectedBytes`, the Content-Length) is removed too.
 */
export async function stageUpload(
  dir: string,
  body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array>,
  fileName: string,
  limit: number,
  options: { signal?: AbortSignal; expectedBytes?: number | null } = {},
): Promise<StagedFile> {
  const id = randomUUID();
  const folder = join(dir, id);
  await mkdir(folder, { recursive: true });
  let byteSize = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      byteSize += chunk.length;
      done(byteSize > limit ? new UploadTooLargeError(limit) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), counter, createWriteStream(join(folder, DATA_FILE)), { signal: options.signal });
    if (options.signal?.aborted || (options.expectedBytes != null && byteSize !== options.expectedBytes)) throw new UploadInterruptedError();
    const meta: Meta = { fileName, byteSize, previewed: null };
    await writeFile(join(folder, META_FILE), JSON.stringify(meta));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error instanceof UploadTooLargeError || error instanceof UploadInterruptedError ? error : options.signal?.aborted ? new UploadInterruptedError() : error;
  }
  return { id, fileName, byteSize, path: join(folder, DATA_FILE), previewed: null };
}

/** A staged file, or null when the id is malformed, unknown, or already confirmed or discarded. */
export async function getStagedFile(dir: string, id: string): Promise<StagedFile | null> {
  if (!ID.test(id)) return null;
  try {
    const meta = JSON.parse(await readFile(join(dir, id, META_FILE), 'utf8')) as Meta;
    return { id, fileName: meta.fileName, byteSize: meta.byteSize, path: join(dir, id, DATA_FILE), previewed: meta.previewed };
  } catch {
    return null;
  }
}

/** Remember the settings a preview read the file with successfully; only those can be confirmed. */
export async function markPreviewed(dir: string, staged: StagedFile, key: string): Promise<void> {
  const meta: Meta = { fileName: staged.fileName, byteSize: staged.byteSize, previewed: key };
  await writeFile(join(dir, staged.id, META_FILE), JSON.stringify(meta));
}

/** Move a staged file out of the staging area (to be stored as a dataset) and remove its folder. */
export async function claimStagedFile(dir: string, staged: StagedFile, target: string): Promise<void> {
  await rename(staged.path, target);
  await rm(join(dir, staged.id), { recursive: true, force: true });
}

export async function discardStagedFile(dir: string, id: string): Promise<void> {
  if (ID.test(id)) await rm(join(dir, id), { recursive: true, force: true });
}

/** Remove staged files older than maxAgeMs (previews abandoned by a closed tab or a stopped server); returns how many. */
export async function sweepStagingArea(dir: string, now = Date.now(), maxAgeMs = STAGED_FILE_MAX_AGE_MS): Promise<number> {
  let removed = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > maxAgeMs) {
      await rm(path, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
