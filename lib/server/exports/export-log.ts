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
      filter: describeFilters(recordToFilters(stored), log.runId === null ? null : (currencies.get(log.runId) ?? null)),
      columns: Array.isArray(stored.columns) ? stored.columns.filter((c): c is string => typeof c === 'string') : [],
    };
  });
}
