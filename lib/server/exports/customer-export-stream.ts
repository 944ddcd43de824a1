import { csvRow } from '../../engines/pipeline/csv';
import type { DashboardFilters } from '../../schemas/dashboard-filters-schema';
import type { ExportColumn } from '../../schemas/export-request-schema';
import { filtersToRecord } from '../audiences/filter-record';
import { customerFilterSql } from '../dashboard/customer-filter-sql';
import type { Database } from '../db/database';
import { exportColumnSql } from './export-columns';

export const EXPORT_PAGE_SIZE = 5_000;

/** Who exports when there is no sign-in: every export is logged under this name. */
export const LOCAL_ACTOR = 'local user';

export interface CustomerExportInput {
  runId: number;
  filters: DashboardFilters;
  columns: readonly ExportColumn[];
  audienceId: number | null;
  actor: string;
  pageSize?: number;
}

/** segmenta-run1-2025-06-01.csv */
export function exportFileName(runId: number, now: Date): string {
  return `segmenta-run${runId}-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * The filtered customers of a run as a CSV byte stream (UTF-8 with a BOM, spreadsheet-safe
 * cells), read page by page in customer-id order so memory stays flat whatever the size. When
 * the last row is written, an export_log row records who exported what.
 */
export function customerExportStream(db: Database, input: CustomerExportInput): ReadableStream<Uint8Array> {
  const pageSize = input.pageSize ?? EXPORT_PAGE_SIZE;
  const columns = input.columns.map((c) => exportColumnSql(c, input.filters.method));
  const { where, params } = customerFilterSql(input.runId, input.filters);
  const afterParam = `$${params.length + 1}`;
  const limitParam = `$${params.length + 2}`;
  const select = columns.map((c, i) => `${c.sql} AS v${i}`).join(', ');
  const pageSql = (first: boolean) =>
    `SELECT c.customer_id AS k, ${select} FROM customer_result c
      WHERE ${where}${first ? '' : ` AND c.customer_id > ${afterParam}`}
      ORDER BY c.customer_id LIMIT ${first ? afterParam : limitParam}`;
  const encoder = new TextEncoder();
  let after: string | null = null;
  let rowCount = 0;
  let started = false;

  const finish = async () => {
    await db.prisma.exportLog.create({
      data: {
        actor: input.actor,
        filter: { ...filtersToRecord({ ...input.filters, run: undefined }), columns: [...input.columns] },
        audienceId: input.audienceId,
        runId: input.runId,
        rowCount,
      },
    });
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode('\uFEFF' + csvRow(columns.map((c) => c.header))));
            return;
          }
          const { rows } = await db.sql.query<Record<string, string | number | null>>(
            pageSql(after === null),
            after === null ? [...params, pageSize] : [...params, after, pageSize],
          );
          if (rows.length > 0) {
            rowCount += rows.length;
            after = String(rows[rows.length - 1].k);
            controller.enqueue(encoder.encode(rows.map((row) => csvRow(columns.map((_, i) => row[`v${i}`]))).join('')));
          }
          if (rows.length < pageSize) {
            await finish();
            controller.close();
          }
        } catch (error) {
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
