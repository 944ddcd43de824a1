import { formatInteger, formatPercent } from '@/lib/format/format-number';
import { listDatasets } from '@/lib/server/dashboard/list-datasets';
import { UploadForm } from './upload-form';

export const dynamic = 'force-dynamic';

const STATUS_STYLE: Record<string, string> = {
  succeeded: 'bg-emerald-50 text-emerald-800',
  failed: 'bg-rose-50 text-rose-800',
  running: 'bg-amber-50 text-amber-800',
  queued: 'bg-slate-100 text-slate-700',
};

export default async function DataPage() {
  const datasets = await listDatasets();
  return (
    <div>
      <h1 className="mb-6 text-2xl font-semibold">Data</h1>
      <UploadForm />
      {datasets.length === 0 ? <p className="text-slate-600">No datasets yet.</p> : null}
      {datasets.map((d) => (
        <section key={d.id} aria-label={d.name} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-medium">{d.name}</h2>
          <p className="text-sm text-slate-500">
            {d.sourceFileName}: {formatInteger(d.rowsRead)} lines read, {formatInteger(d.rowsKept)} kept, {formatInteger(d.customerCount)} customers
          </p>
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">Runs of {d.name}</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Customers</th>
                <th scope="col">Started</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {d.runs.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="py-1">#{r.id}</td>
                  <td>
                    <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[r.status] ?? ''}`}>{r.status}</span>
                  </td>
                  <td>
                    <progress value={r.progress} max={1} aria-label={`Run ${r.id} progress`} className="h-2 w-24" /> {formatPercent(r.progress)}
                  </td>
                  <td>{formatInteger(r.customerCount)}</td>
                  <td>{r.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td className={r.error ? 'text-rose-700' : 'text-slate-600'}>{r.error ?? r.progressMessage}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
