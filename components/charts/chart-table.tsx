import type { ReactNode } from 'react';

/** The numbers behind a chart as a small table in a "Show as table" disclosure, the chart's text alternative. */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-indigo-700">Show as table</summary>
      <table className="mt-2 w-full text-right tabular-nums">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            {columns.map((column, i) => (
              <th key={column} scope="col" className={i === 0 ? 'py-1 text-left' : 'py-1 pl-3'}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t border-slate-100">
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="py-1 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="py-1 pl-3">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
