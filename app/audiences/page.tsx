import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { formatCount, formatInteger } from '@/lib/format/format-number';
import { pageTitle } from '@/lib/format/page-title';
import { listAudiences, listDatasetChoices, type AudienceDto } from '@/lib/server/audiences/list-audiences';
import { ChooseDatasetForm } from './choose-dataset-form';
import { DeleteAudienceButton } from './delete-audience-button';
import { ExportLogTable, TableSkeleton } from './export-log-table';
import { getCurrentUser, requirePageRole } from '@/lib/server/auth/current-user';
import { hasRole } from '@/lib/server/auth/roles';
import { markResponseCacheable } from '@/lib/server/response-cache/mark-cacheable';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: pageTitle('Audiences') };
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function AudienceCard({ audience: a, choices, canEdit }: { audience: AudienceDto; choices: Awaited<ReturnType<typeof listDatasetChoices>>; canEdit: boolean }) {
  const headingId = `audience-${a.id}-name`;
  const viewQuery = a.runId !== null ? `run=${a.runId}${a.query ? `&${a.query}` : ''}` : null;
  return (
    <li>
      <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
          <h3 id={headingId} className="font-semibold text-slate-900">
            {a.name}
          </h3>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            {viewQuery !== null ? (
              <>
                <Link href={`/?${viewQuery}`} prefetch={false} className="text-indigo-700 underline hover:text-indigo-900 focus-visible:outline-2" aria-label={`Open ${a.name} on the dashboard`}>
                  Open
                </Link>
                {/* The run travels with the link, so the file holds the customers counted here. */}
                <a href={`/api/exports?audience=${a.id}&run=${a.runId}`} download className="text-indigo-700 underline hover:text-indigo-900 focus-visible:outline-2" aria-label={`Export ${a.name} as CSV`}>
                  Export CSV
                </a>
              </>
            ) : null}
            {canEdit ? <DeleteAudienceButton id={a.id} name={a.name} /> : null}
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_minmax(0,1.5fr)_auto_auto]">
          <div className="col-span-2 sm:col-span-4 lg:col-span-1">
            <dt className="text-xs uppercase text-slate-500">Filter</dt>
            <dd className="text-slate-700">{a.description}</dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-xs uppercase text-slate-500">Dataset</dt>
            <dd className="text-slate-700">
              {a.dataset ? (
                <>
                  {a.dataset.name}
                  <span className="block text-xs text-slate-500">
                    uploaded {day(a.dataset.createdAt)} · #{a.dataset.id}
                    {a.attribution === 'migrated' ? ' · matched automatically: the only dataset with results when the audience was saved' : ''}
                  </span>
                </>
              ) : (
                <>
                  <span className="font-medium text-amber-800">Dataset unknown</span>
                  <span className="block text-xs text-slate-500">Saved before audiences remembered their dataset.</span>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-500">Results</dt>
            <dd className="text-slate-700">
              {a.invalid !== null ? (
                <span className="text-amber-800">Invalid filter</span>
              ) : a.runId !== null ? (
                a.pinned ? `pinned to run #${a.runId}` : `latest results (run #${a.runId})`
              ) : a.dataset ? (
                <span className="text-amber-800">{a.unavailable}</span>
              ) : (
                '–'
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-500">Customers</dt>
            <dd className="font-medium tabular-nums text-slate-900" data-testid={`audience-count-${a.id}`}>
              {a.customers !== null ? formatInteger(a.customers) : '–'}
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-500">Saved</dt>
            <dd className="whitespace-nowrap tabular-nums text-slate-700">{day(a.createdAt)}</dd>
          </div>
        </dl>
        {a.invalid !== null ? (
          <p role="status" className="mt-3 rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
            {a.invalid}
          </p>
        ) : null}
        {a.dataset === null && a.invalid === null ? (
          <div className="mt-3 rounded border border-amber-200 bg-amber-50 p-3">
            {canEdit ? <ChooseDatasetForm id={a.id} name={a.name} choices={choices} /> : <p className="text-sm text-slate-600">An analyst can say which dataset it belongs to.</p>}
          </div>
        ) : null}
      </article>
    </li>
  );
}

async function AudienceList() {
  const audiences = await listAudiences();
  if (audiences.length === 0) {
    return <p className="text-sm text-slate-600">No audiences yet. Filter a dashboard page and choose “Save as audience” in the filter bar.</p>;
  }
  const choices = audiences.some((a) => a.dataset === null) ? await listDatasetChoices() : [];
  const user = await getCurrentUser();
  // Deleting or assigning an audience needs the analyst role: a viewer is not shown what the server refuses.
  const canEdit = user !== null && hasRole(user.role, 'analyst');
  return (
    <>
      <p className="mb-3 text-sm text-slate-500">{formatCount(audiences.length, 'audience')}</p>
      <ul aria-label="Saved audiences" className="space-y-3">
        {audiences.map((a) => (
          <AudienceCard key={a.id} audience={a} choices={choices} canEdit={canEdit} />
        ))}
      </ul>
    </>
  );
}

export default async function AudiencesPage() {
  await requirePageRole('viewer');
  // Saved audiences and the export log change only through this server (lib/server/response-cache).
  await markResponseCacheable();
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">Audiences</h1>
      <p className="mb-6 text-sm text-slate-500">
        Saved filters, each on the dataset it was saved on. An audience follows its dataset’s latest results unless it is pinned to one run; counts are live.
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
