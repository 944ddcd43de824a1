import Link from 'next/link';
import { formatInteger } from '@/lib/format/format-number';
import { listExportLogs } from '@/lib/server/exports/list-export-logs';

function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Who exported which customers and when, newest first (server component). */
export async function ExportLogTable() {
  const logs = await listExportLogs();
  if (logs.length === 0) return <p className="text-sm text-slate-600">No exports yet. Use “Export CSV” in the filter bar of any dashboard page.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Export log</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">When</th>
            <th scope="col" className="pr-3">Who</th>
            <th scope="col" className="pr-3 text-right">Rows</th>
            <th scope="col" className="pr-3">Run</th>
            <th scope="col" className="pr-3">Audience</th>
            <th scope="col">Filter</th>
          </tr>
        </thead>
        <tbody>
          {logs.map((log) => (
            <tr key={log.id} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-3 whitespace-nowrap tabular-nums">{when(log.createdAt)}</td>
              <td className="pr-3 whitespace-nowrap">{log.actor}</td>
              <td className="pr-3 text-right tabular-nums">{formatInteger(log.rowCount)}</td>
              <td className="pr-3">{log.runId !== null ? `#${log.runId}` : '–'}</td>
              <td className="pr-3">{log.audienceName ?? (log.audienceId !== null ? `#${log.audienceId}` : '–')}</td>
              <td className="text-slate-600">
                {log.filter}
                {log.columns.length > 0 ? <span className="block text-xs text-slate-500">{log.columns.join(', ')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">
        The latest 50 exports. <Link href="/audiences" className="underline">Audiences</Link>
      </p>
    </div>
  );
}

export function TableSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="space-y-2" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-6 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
