import { csvRow } from '../../engines/pipeline/csv';
import { notifyDataChanged } from '../response-cache/registry';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { ExportColumn } from '../../schemas/export-request-schema';
import { cachedResultsSql } from '../analytics/cached-results-sql';
import { readsOtherRuns } from '../analytics/cached-results-sql-client';
import { filtersToRecord } from '../audiences/filter-record';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import { customerOrderBySql, prefixPattern } from '../dashboard/customers/customer-sort-sql';
import type { CustomerSortColumn, SortDirection } from '../dashboard/customers/customer-table-params';
import { pAliveReason } from '../dashboard/customers/p-alive-reason';
import { readRunMoney } from '../dashboard/read-run-money';
import { getLifetimeValueNotes, type LifetimeValueNotesDto } from '../dashboard/lifetime-value/get-lifetime-value-notes';
import type { Database } from '../db/database';
import { exportColumnSql, withCompanionColumns } from './export-columns';

export const EXPORT_PAGE_SIZE = 5_000;

/** Rows per chunk when an export streams from the results cache. */
export const CACHE_EXPORT_BATCH_ROWS = 1_000;

/** Who exports when there is no sign-in: every export is logged under this name. */
export const LOCAL_ACTOR = 'local user';

export interface CustomerExportInput {
  runId: number;
  filters: DashboardFilters;
  columns: readonly ExportColumn[];
  audienceId: number | null;
  actor: string;
  /** The signed-in exporter; null when sign-in is off. */
  userId?: string | null;
  /** The customers table's view: ids starting with `q`, in its sort; customer-id order when absent. */
  table?: { q?: string; sort: CustomerSortColumn; dir: SortDirection };
  pageSize?: number;
}

/** segmenta-run1-2025-06-01.csv */
export function exportFileName(runId: number, now: Date): string {
  return `segmenta-run${runId}-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * The filtered customers of a run as a CSV byte stream (UTF-8 with a BOM, spreadsheet-safe
 * cells), in the customers table's order and narrowed by its id search when `table` is given,
 * read page by page so memory stays flat whatever the size. The chosen columns come with their
 * companions (withCompanionColumns): churn_basis and combined_segment beside churn_status,
 * p_alive_note beside p_alive, clv_caveat after the CLV (and after the currency beside it).
 * When the last row is written, an export_log row records who exported what, naming every
 * column written (its CSV header) in file order.
 */
export function customerExportStream(db: Database, input: CustomerExportInput): ReadableStream<Uint8Array> {
  const pageSize = input.pageSize ?? EXPORT_PAGE_SIZE;
  const columns = withCompanionColumns(input.columns).map((c) => exportColumnSql(c, input.filters.method));
  const filtered = customerFilterSql(input.runId, input.filters);
  const q = input.table?.q;
  const where = q ? `${filtered.where} AND c.customer_id LIKE $${filtered.params.length + 1}` : filtered.where;
  const params = q ? [...filtered.params, prefixPattern(q)] : filtered.params;
  const orderBy = customerOrderBySql(input.table?.sort ?? 'customerId', input.table?.dir ?? 'asc', input.filters.method);
  const select = columns.map((c, i) => ('sql' in c ? `${c.sql} AS v${i}` : null)).filter((c) => c !== null);
  // What a missing P(alive)'s reason depends on, read whether or not those columns were chosen.
  const reasonInputs = columns.some((c) => 'note' in c && c.note === 'pAliveReason') ? ['c.p_alive::float8 AS p_alive', 'c.frequency::int AS frequency'] : [];
  // OFFSET paging: the table's order may be on any column, in either direction, with empty values last.
  const rowsSql = `SELECT ${['c.customer_id AS k', ...select, ...reasonInputs].join(', ')} FROM customer_result c
      WHERE ${where} ORDER BY ${orderBy}`;
  const pageSql = `${rowsSql} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
  const encoder = new TextEncoder();
  let rowCount = 0;
  let currency = '';
  let started = false;
  let notes: LifetimeValueNotesDto | null = null;
  // A succeeded run's cache streams every row from one query; otherwise the database pages by OFFSET.
  let cachedPages: AsyncIterator<Record<string, string | number | null>[]> | null = null;
  const cell = (row: Record<string, string | number | null>, i: number): string | number | null => {
    const column = columns[i];
    if ('sql' in column) return row[`v${i}`];
    if (column.note === 'currency') return currency;
    if (column.note === 'clvCaveat') return notes?.caveat ?? '';
    return notes ? (pAliveReason(notes, { pAlive: row.p_alive as number | null, frequency: Number(row.frequency) }) ?? '') : '';
  };

  const finish = async () => {
    await db.prisma.exportLog.create({
      data: {
        actor: input.actor,
        userId: input.userId ?? null,
        // Every column written, in file order (companions and the method's cluster headers included).
        filter: { ...filtersToRecord({ ...input.filters, run: undefined }), ...(input.table?.q ? { q: input.table.q } : {}), columns: columns.map((c) => c.header) },
        audienceId: input.audienceId,
        runId: input.runId,
        rowCount,
      },
    });
    // The export log (Data and Audiences pages) has a new line.
    notifyDataChanged('export logged');
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            if (columns.some((c) => 'note' in c && c.note !== 'currency')) notes = await getLifetimeValueNotes(input.runId, db.sql);
            if (columns.some((c) => 'note' in c && c.note === 'currency')) currency = (await readRunMoney(db.sql, input.runId)).currency ?? '';
            // A filter on another run (moved from an earlier snapshot's segment) is answered by the database.
            const cached = readsOtherRuns(rowsSql) ? null : await cachedResultsSql(db, input.runId);
            // Small batches: the first rows of many exports started together go out at once.
            if (cached) cachedPages = cached.stream<Record<string, string | number | null>>(rowsSql, params, Math.min(pageSize, CACHE_EXPORT_BATCH_ROWS))[Symbol.asyncIterator]();
            controller.enqueue(encoder.encode('\uFEFF' + csvRow(columns.map((c) => c.header))));
            return;
          }
          const next = cachedPages ? await cachedPages.next() : null;
          const rows: Record<string, string | number | null>[] = next
            ? (next.value ?? [])
            : (await db.sql.query<Record<string, string | number | null>>(pageSql, [...params, pageSize, rowCount])).rows;
          if (rows.length > 0) {
            rowCount += rows.length;
            controller.enqueue(encoder.encode(rows.map((row) => csvRow(columns.map((_, i) => cell(row, i)))).join('')));
          }
          if (next ? next.done : rows.length < pageSize) {
            await cachedPages?.return?.();
            await finish();
            controller.close();
          }
        } catch (error) {
          await cachedPages?.return?.();
          controller.error(error);
        }
      },
      async cancel() {
        await cachedPages?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
