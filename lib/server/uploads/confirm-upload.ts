import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { UploadSettings } from '../../schemas/upload-request-schema';
import type { Database } from '../db/database';
import { createDatasetRun, type RunServiceOptions, type RunStarter, type StartedRun } from '../runs/run-service';
import { readingOptions } from './preview-upload';
import { claimStagedFile, getStagedFile, settingsKey } from './staging-area';

/** Why a staged file cannot be confirmed; `status` is the HTTP status to answer with. */
export class ConfirmUploadError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
    this.name = 'ConfirmUploadError';
  }
}

/** A dataset already made from the same bytes, so the user can open it instead of storing a second copy. */
export interface DuplicateDatasetDto {
  datasetId: number;
  name: string;
  createdAt: string;
  /** Its latest run, or null when it has none left. */
  latestRunId: number | null;
}

/** Thrown when the staged file's checksum matches an existing dataset and no second copy was asked for. */
export class DuplicateUploadError extends Error {
  constructor(readonly existing: DuplicateDatasetDto) {
    super(`This file was already uploaded as '${existing.name}'.`);
    this.name = 'DuplicateUploadError';
  }
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The newest dataset stored from a file with these bytes, or null. */
export async function findDatasetByChecksum(db: Database, checksum: string): Promise<DuplicateDatasetDto | null> {
  const found = await db.prisma.dataset.findFirst({
    where: { checksum },
    orderBy: { id: 'desc' },
    select: { id: true, name: true, createdAt: true, runs: { orderBy: { id: 'desc' }, take: 1, select: { id: true } } },
  });
  return found ? { datasetId: found.id, name: found.name, createdAt: found.createdAt.toISOString(), latestRunId: found.runs[0]?.id ?? null } : null;
}

/**
 * Store a staged upload as a dataset and analyse it (the run service's usual flow), with the
 * settings its last successful preview used; other settings must be previewed first.
 */
export async function confirmUpload(
  db: Database,
  runService: RunServiceOptions,
  stagingDir: string,
  input: { stagingId: string; name?: string; secondCopy?: boolean; settings: UploadSettings; startedBy?: RunStarter },
  now = Date.now(),
): Promise<StartedRun> {
  const staged = await getStagedFile(stagingDir, input.stagingId);
  if (!staged) throw new ConfirmUploadError('This upload is unknown or has expired; choose the file again.', 404);
  if (staged.previewed !== settingsKey(input.settings)) {
    throw new ConfirmUploadError('These settings have not been previewed yet; wait for the preview to finish, then press Analyse again.', 409);
  }
  if (!input.secondCopy) {
    const existing = await findDatasetByChecksum(db, await sha256(staged.path));
    if (existing) throw new DuplicateUploadError(existing);
  }
  const dir = join(runService.workDir, 'uploads');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}-${staged.fileName.replace(/[^\w.-]+/g, '_')}`);
  await claimStagedFile(stagingDir, staged, path);
  return createDatasetRun(db, runService, {
    path,
    name: input.name || staged.fileName,
    fileName: staged.fileName,
    parameters: readingOptions(input.settings, now),
    startedBy: input.startedBy,
  });
}
