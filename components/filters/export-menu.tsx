'use client';

import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Popover } from '@/components/ui/popover';
import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMN_LABELS, EXPORT_COLUMNS, EXPORT_TABLE_PARAMS, type ExportColumn } from '@/lib/schemas/export-request-schema';

/** The export link of the view of `runId` with the chosen columns: its filters, and the customers table's search and sort where the view has them. */
export function exportHref(filters: DashboardFilters, runId: number, columns: readonly ExportColumn[], current?: URLSearchParams): string {
  const params = filtersToSearchParams({ ...filters, run: runId });
  for (const key of EXPORT_TABLE_PARAMS) {
    const value = current?.get(key);
    if (value) params.set(key, value);
  }
  params.set('columns', columns.join(','));
  return `/api/exports?${params}`;
}

/** Pick the columns and download the customers of the view as CSV, in the table's order. */
export function ExportMenu({ filters, runId }: { filters: DashboardFilters; runId: number }) {
  const searchParams = useSearchParams();
  const [columns, setColumns] = useState<ExportColumn[]>([...DEFAULT_EXPORT_COLUMNS]);
  const toggle = (column: ExportColumn, on: boolean) =>
    setColumns((current) => EXPORT_COLUMNS.filter((c) => (c === column ? on : current.includes(c))));
  const searched = searchParams.get('q');
  return (
    <Popover trigger="Export CSV" contentLabel="Export CSV">
      <fieldset>
        <legend className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-600">Columns</legend>
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
          href={exportHref(filters, runId, columns, new URLSearchParams(searchParams.toString()))}
          download
          className="mt-3 block rounded bg-indigo-600 px-3 py-1.5 text-center font-medium text-white hover:bg-indigo-700"
        >
          Download CSV
        </a>
      )}
      <p className="mt-2 text-xs text-slate-600">
        {searched ? `The customers matching the applied filters whose id starts with “${searched}”` : 'The customers matching the applied filters'}, one row each, in the
        table’s order.
      </p>
    </Popover>
  );
}
