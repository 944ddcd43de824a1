import { describeFilters, recordToFilters } from '../audiences/filter-record';
import type { Database } from '../db/database';
import { readRunCurrencies } from '../dashboard/read-run-money';

export interface ExportLogDto {
  id: number;
  actor: string;
  createdAt: string;
  rowCount: number;
  runId: number | null;
  audienceId: number | null;
  audienceName: string | null;
  filter: string;
  columns: string[];
}

/** The filters an export was made with, in words, with the customers table's id search when it narrowed the file. */
function describeExportFilter(stored: Record<string, unknown>, currency: string | null): string {
  const filters = describeFilters(recordToFilters(stored), currency);
  if (typeof stored.q !== 'string' || stored.q === '') return filters;
  const search = `Customer id starts with "${stored.q}"`;
  return filters === 'All customers' ? search : `${filters}; ${search}`;
}

/** The latest exports, newest first. */
export async function readExportLogs(db: Database, limit = 50): Promise<ExportLogDto[]> {
  const logs = await db.prisma.exportLog.findMany({ orderBy: { id: 'desc' }, take: limit, include: { audience: { select: { name: true } } } });
  const currencies = await readRunCurrencies(db.sql, logs.flatMap((log) => (log.runId === null ? [] : [log.runId])));
  return logs.map((log) => {
    const stored = (log.filter ?? {}) as Record<string, unknown>;
    return {
      id: log.id,
      actor: log.actor,
      createdAt: log.createdAt.toISOString(),
      rowCount: log.rowCount,
      runId: log.runId,
      audienceId: log.audienceId,
      audienceName: log.audience?.name ?? null,
      filter: describeExportFilter(stored, log.runId === null ? null : (currencies.get(log.runId) ?? null)),
      columns: Array.isArray(stored.columns) ? stored.columns.filter((c): c is string => typeof c === 'string') : [],
    };
  });
}
