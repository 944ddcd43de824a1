import Link from 'next/link';
import { Suspense } from 'react';
import { deleteAudienceAction } from '@/lib/actions/delete-audience-action';
import { formatInteger } from '@/lib/format/format-number';
import { listAudiences } from '@/lib/server/audiences/list-audiences';
import { ExportLogTable, TableSkeleton } from './export-log-table';

export const dynamic = 'force-dynamic';

async function AudienceList() {
  const audiences = await listAudiences();
  if (audiences.length === 0) {
    return <p className="text-sm text-slate-600">No audiences yet. Filter a dashboard page and choose “Save as audience” in the filter bar.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Saved audiences with their customer counts on the latest results</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">Name</th>
            <th scope="col" className="pr-3">Filter</th>
            <th scope="col" className="pr-3 text-right">Customers</th>
            <th scope="col" className="pr-3">Saved</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {audiences.map((a) => (
            <tr key={a.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="py-2 pr-3 font-medium">{a.name}</th>
              <td className="py-2 pr-3 text-slate-600">{a.description}</td>
              <td className="py-2 pr-3 text-right tabular-nums" data-testid={`audience-count-${a.id}`}>
                {formatInteger(a.customers)}
                {a.runId !== null ? <span className="block text-xs text-slate-400">run #{a.runId}</span> : null}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap tabular-nums">{a.createdAt.slice(0, 10)}</td>
              <td className="py-2">
                <div className="flex flex-wrap items-center gap-3">
                  <Link href={a.query ? `/?${a.query}` : '/'} className="text-indigo-700 underline" aria-label={`Open ${a.name} on the dashboard`}>
                    Open
                  </Link>
                  <a href={`/api/exports?audience=${a.id}`} download className="text-indigo-700 underline" aria-label={`Export ${a.name} as CSV`}>
                    Export CSV
                  </a>
                  <form action={deleteAudienceAction}>
                    <input type="hidden" name="id" value={a.id} />
                    <button type="submit" className="text-rose-700 underline" aria-label={`Delete ${a.name}`}>
                      Delete
                    </button>
                  </form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AudiencesPage() {
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">Audiences</h1>
      <p className="mb-6 text-sm text-slate-500">
        Saved filters. Counts are live on the latest successful run; exports always take the current customers.
      </p>
      <section aria-labelledby="audiences-heading" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="audiences-heading" className="mb-3 font-medium">
          Saved audiences
        </h2>
        <Suspense fallback={<TableSkeleton />}>
          <AudienceList />
        </Suspense>
      </section>
      <section aria-labelledby="export-log-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="export-log-heading" className="mb-3 font-medium">
          Export log
        </h2>
        <Suspense fallback={<TableSkeleton />}>
          <ExportLogTable />
        </Suspense>
      </section>
    </div>
  );
}
