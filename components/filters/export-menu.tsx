'use client';

import { useState } from 'react';
import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMN_LABELS, EXPORT_COLUMNS, type ExportColumn } from '@/lib/schemas/export-request-schema';

/** The export link of the filtered view of `runId` with the chosen columns. */
export function exportHref(filters: DashboardFilters, runId: number, columns: readonly ExportColumn[]): string {
  const params = filtersToSearchParams({ ...filters, run: runId });
  params.set('columns', columns.join(','));
  return `/api/exports?${params}`;
}

/** Pick the columns and download the filtered customers as CSV. */
export function ExportMenu({ filters, runId }: { filters: DashboardFilters; runId: number }) {
  const [columns, setColumns] = useState<ExportColumn[]>([...DEFAULT_EXPORT_COLUMNS]);
  const toggle = (column: ExportColumn, on: boolean) =>
    setColumns((current) => EXPORT_COLUMNS.filter((c) => (c === column ? on : current.includes(c))));
  return (
    <details name="filter-bar-actions" className="relative">
      <summary className="cursor-pointer list-none rounded border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2">
        Export CSV
      </summary>
      <div className="absolute right-0 z-10 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        <fieldset>
          <legend className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">Columns</legend>
          <div className="grid grid-cols-2 gap-x-3 gap-y-1">
            {EXPORT_COLUMNS.map((column) => (
              <label key={column} className="flex items-center gap-1.5 text-xs">
                <input type="checkbox" checked={columns.includes(column)} onChange={(e) => toggle(column, e.target.checked)} />
                {EXPORT_COLUMN_LABELS[column]}
              </label>
            ))}
          </div>
        </fieldset>
        {columns.length === 0 ? (
          <p className="mt-3 text-xs text-rose-700" role="alert">
            Choose at least one column.
          </p>
        ) : (
          <a
            href={exportHref(filters, runId, columns)}
            download
            className="mt-3 block rounded bg-indigo-600 px-3 py-1.5 text-center font-medium text-white hover:bg-indigo-700"
          >
            Download CSV
          </a>
        )}
        <p className="mt-2 text-xs text-slate-500">The customers matching the applied filters, one row each.</p>
      </div>
    </details>
  );
}
