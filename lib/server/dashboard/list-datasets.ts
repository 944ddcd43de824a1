import 'server-only';
import { isoCurrency } from '../../format/format-number';
import { getDatabase } from '../db/database';
import { findDefaultRunIds, pastSnapshotLabel } from '../runs/default-run';

export interface RunRowDto {
  id: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  progressMessage: string | null;
  error: string | null;
  customerCount: number | null;
  createdAt: string;
  finishedAt: string | null;
  parameters: string;
  /** "snapshot 31 Aug 2011" for a run of the dataset as it stood on an earlier day; null for a run of all the data. */
  snapshot: string | null;
  /** Who started the run: an e-mail address, "local user", or "unknown" for runs from before sign-in. */
  startedBy: string;
}

export interface DatasetRowDto {
  id: number;
  name: string;
  sourceFileName: string;
  rowsRead: number;
  rowsKept: number;
  /** Lines stored for re-analysis: kept lines and return lines. */
  storedLines: number;
  customerCount: number;
  currency: string | null;
  valueBasis: 'net' | 'gross';
  createdAt: string;
  /** First and last purchase (ISO), null before the lines are stored. */
  firstDate: string | null;
  lastDate: string | null;
  runs: RunRowDto[];
  /** The run the dashboard pages show for this dataset when the URL names none; null when no run succeeded. */
  defaultRunId: number | null;
}

/** Datasets, newest first, each with its runs (newest first). */
export async function listDatasets(): Promise<DatasetRowDto[]> {
  const db = await getDatabase();
  const [datasets, defaults] = await Promise.all([
    db.prisma.dataset.findMany({
      orderBy: { id: 'desc' },
      include: { runs: { orderBy: { id: 'desc' } } },
    }),
    findDefaultRunIds(db),
  ]);
  return datasets.map((d) => ({
    id: d.id,
    name: d.name,
    sourceFileName: d.sourceFileName,
    rowsRead: d.rowsRead,
    rowsKept: d.rowsKept,
    storedLines: d.rowsKept + d.returnRows,
    customerCount: d.customerCount,
    // Only a code is a currency: a symbol stored by an earlier version ("$") reads as not set.
    currency: isoCurrency(d.currency),
    valueBasis: d.valueBasis === 'gross' ? 'gross' : 'net',
    createdAt: d.createdAt.toISOString(),
    firstDate: d.firstDate?.toISOString() ?? null,
    lastDate: d.lastDate?.toISOString() ?? null,
    runs: d.runs.map((r) => ({
      id: r.id,
      status: r.status,
      progress: r.progress,
      progressMessage: r.progressMessage,
      error: r.error,
      customerCount: r.customerCount,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      parameters: JSON.stringify(r.parameters),
      snapshot: pastSnapshotLabel(r.parameters, d.lastDate),
      startedBy: r.actor ?? 'unknown',
    })),
    defaultRunId: defaults.get(d.id) ?? null,
  }));
}
