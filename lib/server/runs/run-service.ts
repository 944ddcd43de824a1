import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pickReadingOptions } from '../../engines/ingest/types';
import { isoCurrency } from '../../format/format-number';
import { summarizeAnalysis } from '../../engines/pipeline/summarize-analysis';
import { buildRunModels } from '../../engines/scoring/build-run-models';
import type { AnalysisOptions, AnalysisProgress } from '../../engines/pipeline/types';
import { removeDatasetResultsCache } from '../analytics/run-results-cache';
import { warmRunResultsCache } from '../analytics/warm-run-results-cache';
import { copyTransactionLines } from '../db/bulk-copy';
import type { Database } from '../db/database';
import { refreshPlannerStatistics } from '../db/refresh-planner-statistics';
import type { SqlClient } from '../db/sql-client';
import type { StoredCleaningReport } from '../dashboard/get-dataset-reports';
import { breakdownRefunds } from '../dashboard/refund-breakdown';
import { cleanInWorker } from '../uploads/clean-in-worker';
import { decompressionLimits } from '../uploads/upload-limits';
import type { CleanedFile } from '../uploads/preview-worker-protocol';
import { exportDatasetLines, rerunOptions } from './export-dataset-lines';
import { clearLiveProgress, rememberRemovedRun, setLiveProgress } from './live-progress';
import { AnalysisFailedError, runAnalysisInWorker } from './run-analysis-in-worker';
import { pendingLineSave, requireDatasetLines, trackLineSave } from './dataset-lines-state';
import { SAVE_BATCH_ROWS, saveCustomerResults } from './save-customer-results';
import { HEARTBEAT_INTERVAL_MS, instanceId } from './run-ownership';
import { notifyDataChanged } from '../response-cache/registry';
import { createRunSlots, maxConcurrentRuns } from './run-slots';

/** Thrown when a dataset already has a run in progress: runs on one dataset never interleave. */
export class RunInProgressError extends Error {
  constructor(readonly datasetId: number) {
    super('This dataset already has an analysis in progress; wait for it to finish before starting another.');
    this.name = 'RunInProgressError';
  }
}

export interface RunServiceOptions {
  /** Folder for uploaded files and re-run exports (the data folder). */
  workDir: string;
  /** Bundled analysis worker; defaults to the one `npm run build` makes. */
  workerPath?: string;
  /** Bundled preview worker, which re-reads a new dataset whose analysis failed to keep its lines; defaults to the build's. */
  previewWorkerPath?: string;
  /** Smallest gap between two progress writes to the database, ms. */
  progressIntervalMs?: number;
  /** Customer results per COPY (each its own transaction) while saving a run; default 5,000. */
  saveBatchRows?: number;
  /** A new dataset with at least this many lines is shown before its lines are stored (they follow); default 20,000. */
  linesAfterRunFrom?: number;
}

/** Who started a run, as the run list shows it: a signed-in user, or the local user (userId null). */
export interface RunStarter {
  userId: string | null;
  actor: string;
}

export interface StartedRun {
  runId: number;
  datasetId: number;
  /** Settles when the run has succeeded or failed (never rejects). */
  finished: Promise<{ status: 'succeeded' | 'failed'; error: string | null }>;
}

/** A new dataset's first run: `finished` settles when its results can be browsed, `linesSaved` when its lines are stored too. */
export interface NewDatasetRun extends StartedRun {
  /** Settles (never rejects) once the dataset's lines are written or their saving stopped; see the dataset's lines_state. */
  linesSaved: Promise<void>;
}

const running = new Set<number>();

// One set of slots per process, also across Next.js module copies.
const globalForSlots = globalThis as typeof globalThis & { segmentaRunSlots?: { kind: Database['kind'] | null; slots: ReturnType<typeof createRunSlots> } };
function runSlots(db: Pick<Database, 'kind'>) {
  globalForSlots.segmentaRunSlots ??= { kind: db.kind, slots: createRunSlots(() => maxConcurrentRuns(globalForSlots.segmentaRunSlots?.kind ?? 'pglite')) };
  return globalForSlots.segmentaRunSlots.slots;
}

/** Thrown inside a run whose row another server marked failed (its heartbeat looked stopped): nothing of it is saved. */
class RunTakenOverError extends Error {
  constructor() {
    super('This run was marked failed while it was under way; start it again.');
    this.name = 'RunTakenOverError';
  }
}

/** Written on a new run: this process owns it, and its heartbeat starts now (the database's clock). */
async function claimRun(db: Pick<Database, 'sql'>, runId: number): Promise<void> {
  await db.sql.query(`UPDATE run SET owner_instance = $2, heartbeat_at = now() WHERE id = $1`, [runId, instanceId()]);
}

/** Where a queued run stands: 1 when it is the next to start. */
export async function getQueuePosition(db: Pick<Database, 'sql'>, runId: number): Promise<number> {
  const { rows } = await db.sql.query<{ ahead: number | string }>(`SELECT count(*) AS ahead FROM run WHERE status = 'queued' AND id < $1`, [runId]);
  return Number(rows[0]?.ahead ?? 0) + 1;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Share of the progress bar the analysis fills; saving the results fills the rest. */
export const ANALYSIS_PROGRESS_SHARE = 0.95;
const SAVING_MESSAGE = 'Saving the results';
/** Lines per COPY when the lines are written after the run: each is one short transaction, so pages are answered between them. */
const LINE_BATCH_ROWS = 10_000;
/** Fewer lines than this are stored before the run is shown (under a second): small uploads never show lines still being saved. */
const LINES_AFTER_RUN_FROM = 20_000;

/** Where the save's share of the bar ends: 100 % is said only once the run is complete, not when its last row is written. */
const SAVED_PROGRESS = 0.99;

/** The progress of the save: the rows written of all the rows to write, from 95 % to 99 % of the bar. */
export function savingProgress(written: number, total: number): { fraction: number; message: string } {
  const share = total > 0 ? Math.min(written, total) / total : 1;
  return {
    fraction: ANALYSIS_PROGRESS_SHARE + (SAVED_PROGRESS - ANALYSIS_PROGRESS_SHARE) * share,
    message: `${SAVING_MESSAGE}: ${written.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`,
  };
}

/**
 * Progress of the worker into the run row, at most one write per `intervalMs`. A report that
 * comes too soon is not dropped but written when the interval is over (unless a newer one
 * replaces it), so a long stage that starts right after a short one shows its own message.
 */
export function progressWriter(db: Pick<Database, 'prisma'>, runId: number, intervalMs: number, onWrite?: (fraction: number, message: string) => void) {
  let last = -Infinity;
  let latest: AnalysisProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let pending: Promise<unknown> = Promise.resolve();
  const write = () => {
    timer = null;
    if (!latest || stopped) return;
    const p = latest;
    latest = null;
    last = performance.now();
    // The worker's "complete" is the end of the analysis, not of the run: saving comes next.
    const fraction = Math.min(p.fraction, 1) * ANALYSIS_PROGRESS_SHARE;
    const message = p.fraction >= 1 ? SAVING_MESSAGE : p.message;
    onWrite?.(fraction, message);
    pending = pending.then(() => db.prisma.run.update({ where: { id: runId }, data: { progress: fraction, progressMessage: message } })).catch(() => undefined);
  };
  return {
    report(p: AnalysisProgress) {
      latest = p;
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) write();
      else timer ??= setTimeout(write, wait);
    },
    /** Stop writing and wait for writes under way, so nothing lands after the final status. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pending;
    },
  };
}

/** Fail a run that is still queued or running; one already failed (by a server that thought this one dead) keeps its message. */
async function markFailed(sql: SqlClient, runId: number, message: string): Promise<void> {
  await sql.query(`UPDATE run SET status = 'failed', error = $2, finished_at = now(), progress_message = 'Failed' WHERE id = $1 AND status IN ('queued', 'running')`, [
    runId,
    message,
  ]);
}

/**
 * Store a new dataset's lines (kept and refund lines), each batch committed on its own so pages
 * are answered meanwhile. The lines stay out of sight until recordDatasetReports gives the
 * dataset its counts; until then a failure is undone by discardPartialSave.
 */
async function writeDatasetLines(sql: SqlClient, datasetId: number, file: CleanedFile, { signal, background = false }: { signal?: AbortSignal; background?: boolean } = {}): Promise<void> {
  await copyTransactionLines(sql, { datasetId, table: file.table, cleaned: file.cleaned }, { batchRows: LINE_BATCH_ROWS, commitEachBatch: true, signal, background });
}

/**
 * A new dataset's counts and reports: what a re-analysis reads and what the Data page's report shows.
 * `linesState` 'saving' says the lines are written after this (by this server, whose heartbeat starts now).
 */
async function recordDatasetReports(tx: SqlClient, datasetId: number, file: CleanedFile, linesState: 'saved' | 'saving' = 'saved'): Promise<void> {
  const cleaning = file.cleaned.report;
  await tx.query(
    `UPDATE dataset SET rows_read = $2, rows_kept = $3, return_rows = $4, customer_count = $5, first_date = $6, last_date = $7,
       cleaning_report = $8::jsonb, ingest_report = $9::jsonb, currency = $10, value_basis = $11, lines_state = $12,
       lines_owner = CASE WHEN $12 = 'saving' THEN $13 END, lines_heartbeat_at = CASE WHEN $12 = 'saving' THEN now() END WHERE id = $1`,
    [
      datasetId,
      file.ingest.rowsRead,
      cleaning.keptRows,
      cleaning.returns.lines,
      cleaning.customersAfter,
      cleaning.firstDate,
      cleaning.lastDate,
      JSON.stringify({ ...cleaning, refundBreakdown: breakdownRefunds(file.cleaned) } satisfies StoredCleaningReport),
      JSON.stringify(file.ingest),
      // A code the file named or the user gave; a symbol several currencies share ("$") names none, so none is stored.
      isoCurrency(file.ingest.reading.currency),
      cleaning.valueBasis,
      linesState,
      instanceId(),
    ],
  );
}

/**
 * Write a dataset's lines after its first run succeeded, batch by batch, then mark them saved. The
 * heartbeat on the dataset row tells other servers this one is still at it. When the database
 * closes the lines stay 'saving' (the next start redoes them); another failure removes them and
 * marks them 'failed', which re-runs then say in plain words.
 */
async function storeLinesAfterRun(db: Database, datasetId: number, file: CleanedFile): Promise<void> {
  const beat = setInterval(
    () =>
      void db.sql
        .query(`UPDATE dataset SET lines_heartbeat_at = now() WHERE id = $1 AND lines_owner = $2 AND lines_state = 'saving'`, [datasetId, instanceId()])
        .catch(() => undefined),
    HEARTBEAT_INTERVAL_MS,
  );
  beat.unref();
  try {
    await writeDatasetLines(db.sql, datasetId, file, { signal: db.closing, background: true });
    await db.sql.query(`UPDATE dataset SET lines_state = 'saved', lines_owner = NULL, lines_heartbeat_at = NULL WHERE id = $1 AND lines_state = 'saving'`, [datasetId]);
    // The planner learns of the new lines (PGlite has no autovacuum); a failure only slows reads of them.
    await db.sql.transaction((tx) => tx.query('ANALYZE transaction_line'), { background: true }).catch(() => undefined);
  } catch (error) {
    if (db.closing.aborted) return;
    const { rows } = await db.sql.query(`SELECT 1 FROM dataset WHERE id = $1`, [datasetId]).catch(() => ({ rows: [] as unknown[] }));
    // A dataset deleted meanwhile has nothing left to save.
    if (rows.length === 0) return;
    console.warn(`Segmenta: the lines of dataset ${datasetId} could not be saved: ${(error as Error).message}`);
    await db.sql.query(`DELETE FROM transaction_line WHERE dataset_id = $1`, [datasetId]).catch(() => undefined);
    await db.sql.query(`UPDATE dataset SET lines_state = 'failed', lines_owner = NULL, lines_heartbeat_at = NULL WHERE id = $1`, [datasetId]).catch(() => undefined);
  } finally {
    clearInterval(beat);
    notifyDataChanged(`lines of dataset ${datasetId} saved`);
  }
}

/**
 * Remove what a save that did not finish wrote: the run's customer results and, for a new
 * dataset (whose counts were never recorded), its lines.
 */
async function discardPartialSave(sql: SqlClient, runId: number, newDatasetId: number | null): Promise<void> {
  await sql.query(`DELETE FROM customer_result WHERE run_id = $1`, [runId]);
  if (newDatasetId !== null) await sql.query(`DELETE FROM transaction_line WHERE dataset_id = $1 AND EXISTS (SELECT 1 FROM dataset WHERE id = $1 AND rows_kept = 0)`, [newDatasetId]);
}

/**
 * After a server stopped in the middle of a save: remove the results of failed runs and the lines
 * of datasets whose counts were never recorded and that no run is working on. Returns the rows removed.
 */
export async function discardUnfinishedSaves(db: Pick<Database, 'sql'>): Promise<number> {
  const results = await db.sql.query(`DELETE FROM customer_result WHERE run_id IN (SELECT id FROM run WHERE status = 'failed')`);
  const lines = await db.sql.query(
    `DELETE FROM transaction_line WHERE dataset_id IN (
       SELECT d.id FROM dataset d WHERE d.rows_kept = 0
         AND NOT EXISTS (SELECT 1 FROM run r WHERE r.dataset_id = d.id AND r.status IN ('queued', 'running')))`,
  );
  return results.rowCount + lines.rowCount;
}

/**
 * After a server stopped while it wrote a dataset's lines (lines_state 'saving'): remove what it
 * wrote and, in the background, write them again from the dataset's uploaded file; without the
 * file they are marked 'failed', which re-runs say in plain words. Without options every such
 * dataset is taken (the embedded database, whose folder one process holds); with `staleAfterMs`
 * (PostgreSQL) only those whose writer's heartbeat is older than that and not this instance's.
 * Returns the datasets taken; their saves are waited for through requireDatasetLines.
 */
export async function resumeUnfinishedLineSaves(db: Database, options: RunServiceOptions, which: { staleAfterMs?: number } = {}): Promise<number[]> {
  const params: unknown[] = [instanceId()];
  let stale = '';
  if (which.staleAfterMs !== undefined) {
    params.push(which.staleAfterMs);
    stale = ` AND COALESCE(lines_heartbeat_at, created_at) < now() - ($2::double precision * interval '1 millisecond') AND lines_owner IS DISTINCT FROM $1`;
  }
  const { rows } = await db.sql.query<{ id: number; options: Partial<AnalysisOptions> | null }>(
    `UPDATE dataset SET lines_owner = $1, lines_heartbeat_at = now() WHERE lines_state = 'saving'${stale} RETURNING id::int AS id, options`,
    params,
  );
  for (const row of rows) trackLineSave(db, row.id, redoDatasetLines(db, options, row.id, row.options ?? {}));
  return rows.map((row) => row.id);
}

async function redoDatasetLines(db: Database, options: RunServiceOptions, datasetId: number, parameters: Partial<AnalysisOptions>): Promise<void> {
  const markFailed = async (reason: string) => {
    console.warn(`Segmenta: the lines of dataset ${datasetId} could not be saved again after a stop: ${reason}`);
    await db.sql.query(`UPDATE dataset SET lines_state = 'failed', lines_owner = NULL, lines_heartbeat_at = NULL WHERE id = $1`, [datasetId]).catch(() => undefined);
  };
  try {
    await db.sql.query(`DELETE FROM transaction_line WHERE dataset_id = $1`, [datasetId]);
    const folder = datasetFolder(options, datasetId);
    const name = (await readdir(folder).catch(() => [] as string[])).find((n) => !n.startsWith('.'));
    if (!name) return await markFailed('its uploaded file is no longer kept');
    const file = await cleanInWorker(
      {
        path: join(folder, name),
        options: { ...pickReadingOptions(parameters), ...decompressionLimits() },
        clean: { value: parameters.value, dropDuplicates: parameters.dropDuplicates },
      },
      options.previewWorkerPath,
    );
    await storeLinesAfterRun(db, datasetId, file);
  } catch (error) {
    if (!db.closing.aborted) await markFailed((error as Error).message);
  }
}

/**
 * Write a run's results in batches, each committed on its own (pages are answered between them;
 * only succeeded runs are shown, so the rows stay out of sight), then mark the run succeeded with
 * the dataset's counts in one short transaction. A failure removes what was written, so the
 * previous successful run stays the one the dashboard shows. A new dataset's lines are written
 * first when they are few; from `linesAfterRunFrom` on they are not written here: the dataset's
 * counts say 'saving', this returns them, and execute() writes them once the run is shown.
 */
async function saveResults(
  db: Database,
  runId: number,
  outcome: Awaited<ReturnType<typeof runAnalysisInWorker>['done']>,
  newDataset: { id: number; fileName: string; checksum: string; byteSize: number } | null,
  onSaved: (written: number, total: number) => void,
  options: Pick<RunServiceOptions, 'saveBatchRows' | 'linesAfterRunFrom'>,
): Promise<CleanedFile | null> {
  const { result, transactions } = outcome;
  const analysed = summarizeAnalysis(result, { timings: false });
  // The run's money is in a currency only when it is a code: a shared symbol ("$") is not one.
  const summary = { ...analysed, currency: isoCurrency(analysed.currency) };
  const saveStarted = performance.now();
  const file = newDataset && transactions ? { ...transactions, ingest: result.ingest } : null;
  const lineCount = file ? file.cleaned.kept.length + file.cleaned.returns.length : 0;
  const linesAfter = file !== null && lineCount >= (options.linesAfterRunFrom ?? LINES_AFTER_RUN_FROM);
  const linesBefore = file !== null && !linesAfter ? lineCount : 0;
  const total = linesBefore + result.features.count;
  onSaved(0, total);
  try {
    if (newDataset && file && !linesAfter) {
      await copyTransactionLines(db.sql, { datasetId: newDataset.id, table: file.table, cleaned: file.cleaned }, {
        batchRows: options.saveBatchRows ?? SAVE_BATCH_ROWS,
        onProgress: (rows) => onSaved(rows, total),
        commitEachBatch: true,
      });
    }
    await saveCustomerResults(db.sql, runId, result, {
      batchRows: options.saveBatchRows,
      onProgress: (rows) => onSaved(linesBefore + rows, total),
    });
    await db.sql.transaction(async (tx) => {
      if (newDataset && file) await recordDatasetReports(tx, newDataset.id, file, linesAfter ? 'saving' : 'saved');
      const { rowCount } = await tx.query(
        `UPDATE run SET status = 'succeeded', progress = 1, progress_message = 'Analysis complete', finished_at = now(),
           stage_timings = $2::jsonb, metrics = $3::jsonb, customer_count = $4, error = NULL, models = $5::jsonb WHERE id = $1 AND status = 'running'`,
        [runId, JSON.stringify({ ...result.timings, save: performance.now() - saveStarted }), JSON.stringify(summary), result.features.count, JSON.stringify(buildRunModels(result))],
      );
      // A run failed meanwhile (its heartbeat looked stopped to another server) stays failed: it never flips to succeeded.
      if (rowCount === 0) throw new RunTakenOverError();
    });
  } catch (error) {
    await discardPartialSave(db.sql, runId, newDataset?.id ?? null).catch(() => undefined);
    throw error;
  }
  return linesAfter ? file : null;
}

/**
 * After a new dataset's first analysis failed: read and clean its file again, as the analysis did,
 * and store the lines and reports, so the dataset can be re-analysed and its report read. A file
 * that cannot be read stores nothing; the dataset is then left without lines.
 */
async function keepDatasetLines(db: Database, options: RunServiceOptions, runId: number, datasetId: number, path: string, analysisOptions: Partial<AnalysisOptions>) {
  await db.prisma.run.update({ where: { id: runId }, data: { progressMessage: 'Analysis failed; keeping the cleaned lines for a re-analysis' } });
  const file = await cleanInWorker(
    {
      path,
      options: { ...pickReadingOptions(analysisOptions), ...decompressionLimits() },
      clean: { value: analysisOptions.value, dropDuplicates: analysisOptions.dropDuplicates },
    },
    options.previewWorkerPath,
  );
  try {
    await writeDatasetLines(db.sql, datasetId, file);
    await recordDatasetReports(db.sql, datasetId, file);
  } catch (error) {
    await db.sql.query(`DELETE FROM transaction_line WHERE dataset_id = $1`, [datasetId]).catch(() => undefined);
    throw error;
  }
}

/** A new dataset whose first analysis failed and stored no line leaves nothing behind: row, runs and file go. */
async function removeIfEmpty(db: Database, options: RunServiceOptions, datasetId: number): Promise<boolean> {
  const { rowCount } = await db.sql.query(`DELETE FROM dataset WHERE id = $1 AND rows_kept = 0`, [datasetId]).catch(() => ({ rowCount: 0 }));
  if (rowCount > 0) await rm(datasetFolder(options, datasetId), { recursive: true, force: true }).catch(() => undefined);
  return rowCount > 0;
}

/** Where a dataset's uploaded file is kept, so deleting the dataset can delete it. */
export function datasetFolder(options: Pick<RunServiceOptions, 'workDir'>, datasetId: number): string {
  return join(options.workDir, 'uploads', `dataset-${datasetId}`);
}

function execute(
  db: Database,
  options: RunServiceOptions,
  runId: number,
  datasetId: number,
  path: string,
  /** What the worker is given: the run's parameters, and for a re-run the export's reading. */
  analysisOptions: Partial<AnalysisOptions>,
  newDataset: { id: number; fileName: string; checksum: string; byteSize: number } | null,
  cleanup: () => Promise<void>,
): StartedRun['finished'] {
  return (async () => {
    const slots = runSlots(db);
    try {
      await slots.acquire(runId);
      const started = await db.prisma.run.updateMany({ where: { id: runId, status: 'queued' }, data: { status: 'running', startedAt: new Date(), progressMessage: 'Starting' } });
      if (started.count === 0) throw new RunTakenOverError();
      const live = (fraction: number, message: string) => setLiveProgress({ runId, datasetId, progress: fraction, message });
      live(0, 'Starting');
      const progress = progressWriter(db, runId, options.progressIntervalMs ?? 300, live);
      const job = runAnalysisInWorker(
        { path, options: { ...analysisOptions, ...decompressionLimits() }, returnTransactions: newDataset !== null },
        progress.report,
        options.workerPath,
      );
      const outcome = await job.done.finally(() => progress.stop());
      live(ANALYSIS_PROGRESS_SHARE, SAVING_MESSAGE);
      await db.prisma.run.update({ where: { id: runId }, data: { progress: ANALYSIS_PROGRESS_SHARE, progressMessage: SAVING_MESSAGE } });
      // The rows written go to the live progress, which the status poll reads without the database.
      const linesToStore = await saveResults(db, runId, outcome, newDataset, (written, total) => {
        const saving = savingProgress(written, total);
        live(saving.fraction, saving.message);
      }, options);
      clearLiveProgress(runId);
      // The run is shown from here on; its dataset's lines follow (re-runs of it wait for them).
      if (linesToStore) trackLineSave(db, datasetId, storeLinesAfterRun(db, datasetId, linesToStore));
      // The results are saved; fresher statistics only make the dashboard faster, so a failure here
      // must not fail the run.
      await refreshPlannerStatistics(db.sql, { transactionLines: false }).catch((error: unknown) => {
        console.warn(`Segmenta: refreshing planner statistics after run ${runId} failed: ${(error as Error).message}`);
      });
      // In the background, one build at a time: the first viewer of a large run finds its cache file ready.
      void warmRunResultsCache(db, runId);
      return { status: 'succeeded' as const, error: null };
    } catch (error) {
      const analysisFailed = error instanceof AnalysisFailedError;
      const message = analysisFailed || error instanceof RunTakenOverError ? error.message : `Saving the results failed: ${(error as Error).message}`;
      if (analysisFailed && newDataset) {
        await keepDatasetLines(db, options, runId, datasetId, path, analysisOptions).catch((reason: unknown) => {
          console.warn(`Segmenta: the lines of dataset ${datasetId} could not be kept after run ${runId} failed: ${(reason as Error).message}`);
        });
      }
      await markFailed(db.sql, runId, message).catch(() => undefined);
      if (newDataset && (await removeIfEmpty(db, options, datasetId))) rememberRemovedRun({ runId, datasetId, error: message });
      return { status: 'failed' as const, error: message };
    } finally {
      slots.release(runId);
      clearLiveProgress(runId);
      running.delete(datasetId);
      // The run is now listed (succeeded) or shown as failed: pages kept by the response cache are out of date.
      notifyDataChanged(`run ${runId} finished`);
      await cleanup().catch(() => undefined);
    }
  })();
}

/**
 * Register an uploaded or generated file as a new dataset and analyse it in the background.
 * The dataset's counts and lines are written with the run's results, in one transaction; when the
 * analysis fails after the file was read, they are written without results, for a re-analysis.
 */
export async function createDatasetRun(
  db: Database,
  options: RunServiceOptions,
  input: { path: string; name: string; fileName: string; parameters?: Partial<AnalysisOptions>; startedBy?: RunStarter },
): Promise<NewDatasetRun> {
  const [checksum, info] = await Promise.all([sha256(input.path), stat(input.path)]);
  const parameters = input.parameters ?? {};
  const dataset = await db.prisma.dataset.create({
    data: {
      name: input.name,
      sourceFileName: input.fileName,
      checksum,
      byteSize: BigInt(info.size),
      rowsRead: 0,
      rowsKept: 0,
      customerCount: 0,
      options: JSON.parse(JSON.stringify(parameters)),
      cleaningReport: {},
      ingestReport: {},
    },
  });
  running.add(dataset.id);
  const run = await db.prisma.run.create({
    data: { datasetId: dataset.id, parameters: JSON.parse(JSON.stringify(parameters)), progressMessage: 'Queued', userId: input.startedBy?.userId ?? null, actor: input.startedBy?.actor ?? null },
  });
  await claimRun(db, run.id);
  // A file in the uploads folder moves into the dataset's own folder, which deleting the dataset removes.
  let path = input.path;
  const inUploads = relative(join(options.workDir, 'uploads'), input.path);
  if (!inUploads.startsWith('..') && !inUploads.includes('/')) {
    const folder = datasetFolder(options, dataset.id);
    await mkdir(folder, { recursive: true });
    path = join(folder, basename(input.path));
    await rename(input.path, path);
  }
  const finished = execute(
    db,
    options,
    run.id,
    dataset.id,
    path,
    parameters,
    { id: dataset.id, fileName: input.fileName, checksum, byteSize: info.size },
    async () => undefined,
  );
  const linesSaved = finished.then(() => pendingLineSave(db, dataset.id));
  return { runId: run.id, datasetId: dataset.id, finished, linesSaved };
}

/**
 * Re-analyse a stored dataset with other parameters as a new run; earlier runs stay. The stored
 * lines are read back through a CSV export, so the upload's reading options (mapping, date order,
 * time zone ...) do not apply; money is counted on the dataset's value basis unless `value` says
 * otherwise.
 */
export async function startRun(
  db: Database,
  options: RunServiceOptions,
  datasetId: number,
  parameters: Partial<AnalysisOptions>,
  startedBy?: RunStarter,
): Promise<StartedRun> {
  if (running.has(datasetId)) throw new RunInProgressError(datasetId);
  const busy = await db.prisma.run.count({ where: { datasetId, status: { in: ['queued', 'running'] } } });
  if (busy > 0) throw new RunInProgressError(datasetId);
  await requireDatasetLines(db, datasetId);
  if (running.has(datasetId)) throw new RunInProgressError(datasetId);
  running.add(datasetId);
  let runId: number | null = null;
  try {
    const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { valueBasis: true, currency: true } });
    const given = { ...parameters, value: parameters.value ?? (dataset.valueBasis === 'gross' ? 'gross' : 'net') } satisfies Partial<AnalysisOptions>;
    const run = await db.prisma.run.create({
      data: { datasetId, parameters: JSON.parse(JSON.stringify(given)), progressMessage: 'Queued', userId: startedBy?.userId ?? null, actor: startedBy?.actor ?? null },
    });
    runId = run.id;
    await claimRun(db, run.id);
    const dir = join(options.workDir, 'runs');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `run-${run.id}.csv`);
    await exportDatasetLines(db, datasetId, path, undefined, snapshotCut(given));
    // The dataset's currency (a code, given or named by the file; none for a shared symbol such as '$').
    const reading = { ...rerunOptions(given), ...(dataset.currency ? { currency: dataset.currency } : {}) };
    const finished = execute(db, options, run.id, datasetId, path, reading, null, () => rm(path, { force: true }));
    return { runId: run.id, datasetId, finished };
  } catch (error) {
    running.delete(datasetId);
    // A run that never reached the queue must not stay 'queued', holding a place in line and its dataset.
    if (runId !== null) await markFailed(db.sql, runId, `The analysis could not be started: ${(error as Error).message}`).catch(() => undefined);
    throw error;
  }
}

/**
 * The day before which a re-run reads the stored lines: its snapshot date, when it has one, so a
 * snapshot inside the data analyses the dataset as it stood that day (later purchases left out).
 */
function snapshotCut(parameters: Partial<AnalysisOptions>): string | undefined {
  return parameters.snapshot === undefined ? undefined : new Date(parameters.snapshot).toISOString().slice(0, 10);
}

/**
 * Re-analyse a stored dataset once per parameter set (e.g. one per monthly snapshot) as runs that
 * are all queued at once and then run one after the other, in the order given, so runs on one
 * dataset still never interleave. A run that fails does not stop the next.
 */
export async function startRunSeries(
  db: Database,
  options: RunServiceOptions,
  datasetId: number,
  parameterSets: readonly Partial<AnalysisOptions>[],
  startedBy?: RunStarter,
): Promise<StartedRun[]> {
  if (parameterSets.length === 0) throw new Error('A run series needs at least one set of parameters.');
  if (running.has(datasetId)) throw new RunInProgressError(datasetId);
  const busy = await db.prisma.run.count({ where: { datasetId, status: { in: ['queued', 'running'] } } });
  if (busy > 0) throw new RunInProgressError(datasetId);
  await requireDatasetLines(db, datasetId);
  if (running.has(datasetId)) throw new RunInProgressError(datasetId);
  running.add(datasetId);
  const queued: { runId: number; given: Partial<AnalysisOptions> }[] = [];
  let dir: string;
  let currency: string | null;
  try {
    const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { valueBasis: true, currency: true } });
    currency = dataset.currency;
    for (const parameters of parameterSets) {
      const given = { ...parameters, value: parameters.value ?? (dataset.valueBasis === 'gross' ? 'gross' : 'net') } satisfies Partial<AnalysisOptions>;
      const run = await db.prisma.run.create({
        data: { datasetId, parameters: JSON.parse(JSON.stringify(given)), progressMessage: 'Queued', userId: startedBy?.userId ?? null, actor: startedBy?.actor ?? null },
      });
      queued.push({ runId: run.id, given });
      await claimRun(db, run.id);
    }
    dir = join(options.workDir, 'runs');
    await mkdir(dir, { recursive: true });
  } catch (error) {
    running.delete(datasetId);
    for (const { runId } of queued) await markFailed(db.sql, runId, `The analysis could not be started: ${(error as Error).message}`).catch(() => undefined);
    throw error;
  }
  let previous: Promise<unknown> = Promise.resolve();
  return queued.map(({ runId, given }) => {
    const finished: StartedRun['finished'] = previous.then(async () => {
      // execute() frees the dataset when a run ends; the next of the series holds it again.
      running.add(datasetId);
      const path = join(dir, `run-${runId}.csv`);
      try {
        await exportDatasetLines(db, datasetId, path, undefined, snapshotCut(given));
      } catch (error) {
        running.delete(datasetId);
        const message = `The analysis could not be started: ${(error as Error).message}`;
        await markFailed(db.sql, runId, message).catch(() => undefined);
        notifyDataChanged(`run ${runId} failed`);
        await rm(path, { force: true }).catch(() => undefined);
        return { status: 'failed' as const, error: message };
      }
      const reading = { ...rerunOptions(given), ...(currency ? { currency } : {}) };
      return execute(db, options, runId, datasetId, path, reading, null, () => rm(path, { force: true }));
    });
    previous = finished;
    return { runId, datasetId, finished };
  });
}

/** Thrown when a dataset cannot be deleted: an analysis of it is in progress. */
export class DatasetNotDeletableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetNotDeletableError';
  }
}

/**
 * Delete a dataset with its runs (and their customer results), its stored lines and its uploaded
 * file. A dataset with an analysis in progress is kept.
 */
export async function deleteDataset(db: Database, datasetId: number, options?: Pick<RunServiceOptions, 'workDir'>): Promise<void> {
  const busy = new DatasetNotDeletableError('This dataset has an analysis in progress; wait for it to finish.');
  if (running.has(datasetId)) throw busy;
  // One statement, so a run started meanwhile keeps the dataset.
  const { rowCount } = await db.sql.query(
    `DELETE FROM dataset d WHERE d.id = $1
       AND NOT EXISTS (SELECT 1 FROM run r WHERE r.dataset_id = d.id AND r.status IN ('queued', 'running'))`,
    [datasetId],
  );
  if (rowCount > 0) {
    await removeDatasetResultsCache(db, datasetId);
    if (options) await rm(datasetFolder(options, datasetId), { recursive: true, force: true });
    return;
  }
  const dataset = await db.prisma.dataset.findUnique({ where: { id: datasetId }, select: { id: true } });
  if (dataset) throw busy;
}
