import { notFound } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { FilterBar } from '@/components/filters/filter-bar';
import { RunSwitcher, type RunSwitcherDataset } from '@/components/nav/run-switcher';
import { formatCount } from '@/lib/format/format-number';
import type { DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { listRunChoices, type RunChoiceDto } from '@/lib/server/dashboard/get-filter-options';
import { listActiveRuns } from '@/lib/server/dashboard/get-overview';
import { checkMovedFrom } from '@/lib/server/dashboard/migration/check-moved-from';
import { resolveViewedRun, type ViewedRunDto } from '@/lib/server/dashboard/resolve-run';
import { markResponseCacheable } from '@/lib/server/response-cache/mark-cacheable';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "30 Nov 2026, 10:15 UTC" */
function formatWhen(iso: string | null): string {
  return iso ? `${when.format(new Date(iso))} UTC` : 'not finished';
}

function groupByDataset(choices: readonly RunChoiceDto[]): RunSwitcherDataset[] {
  const groups = new Map<number, RunSwitcherDataset>();
  for (const c of choices) {
    const group = groups.get(c.datasetId) ?? { datasetId: c.datasetId, datasetName: c.datasetName, uploaded: formatWhen(c.uploadedAt), runs: [] };
    group.runs.push({ id: c.id, label: c.label, finished: formatWhen(c.finishedAt), customers: c.customerCount === null ? 'customers not counted' : formatCount(c.customerCount, 'customer') });
    groups.set(c.datasetId, group);
  }
  return [...groups.values()];
}

/** The dataset and run the page shows, prominently, with the switch to another. */
async function RunBar({ run }: { run: ViewedRunDto }) {
  const choices = await listRunChoices();
  return (
    <section aria-label="Dataset and run" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-indigo-200 bg-indigo-50/60 px-4 py-2.5 text-sm">
      <p className="min-w-0">
        <span className="font-semibold text-slate-900">{run.datasetName}</span>
        <span className="text-slate-700">
          {' '}
          · run #{run.runId}
          {run.snapshot ? ` · ${run.snapshot}` : ''} · {formatCount(run.customerCount ?? 0, 'customer')} · analysed {formatWhen(run.finishedAt)} · uploaded {formatWhen(run.datasetCreatedAt)}
        </span>
      </p>
      <RunSwitcher datasets={groupByDataset(choices)} currentRunId={run.runId} />
    </section>
  );
}

/** What in the URL was wrong and left out of the filters, so the page still opens and says why a filter is missing. */
export function FilterNotices({ notices }: { notices: readonly string[] | undefined }) {
  if (!notices || notices.length === 0) return null;
  return (
    <div role="status" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      <p>Part of this page’s address could not be used and was left out:</p>
      <ul className="list-disc pl-5">
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The frame every filtered dashboard page shares: the heading, the dataset and run being viewed
 * (or why there is none yet), the notice for a run in the URL that has no results, and the filter
 * bar. A URL naming a run that does not exist answers 404. `children` renders the page's sections
 * for the resolved run with the filters that apply to it: movedFrom / churnFrom naming a run that is
 * not an earlier snapshot of its dataset are left out and named in the notices.
 */
export async function DashboardPage({
  title,
  filters: requested,
  subtitle,
  children,
}: {
  title: string;
  filters: DashboardFilters;
  subtitle?: (run: ViewedRunDto) => ReactNode;
  children: (run: ViewedRunDto, filters: DashboardFilters) => ReactNode;
}) {
  const run = await resolveViewedRun(requested);
  if (!run && requested.run !== undefined) notFound();
  if (!run) {
    const active = await listActiveRuns();
    return (
      <div>
        <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
        <FilterNotices notices={requested.notices} />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
          {active.length > 0
            ? `The first analysis is running (${Math.round(active[0].progress * 100)} %: ${active[0].message ?? 'starting'}). Reload in a moment.`
            : 'No analysis yet. Upload a transaction log on the Data page.'}
        </p>
      </div>
    );
  }
  const checked = await checkMovedFrom(run.runId, requested);
  const notices = [...(requested.notices ?? []), ...checked.problems];
  const filters: DashboardFilters = notices.length > 0 ? { ...checked.filters, notices } : checked.filters;
  // A finished run's results, the lists of runs and audiences: the same until the next data change,
  // so the server may answer this address again from memory (lib/server/response-cache).
  await markResponseCacheable();
  return (
    <div>
      <Suspense fallback={<div className="mb-4 h-12 rounded-lg border border-indigo-200 bg-indigo-50/60" />}>
        <RunBar run={run} />
      </Suspense>
      <h1 className="mb-2 text-2xl font-semibold">{title}</h1>
      {subtitle ? <p className="mb-4 text-sm text-slate-600">{subtitle(run)}</p> : null}
      <FilterNotices notices={filters.notices} />
      {run.fellBack ? (
        <p className="mb-4 text-sm text-amber-800">Run #{filters.run} has no results (it is still running or it failed); showing the latest successful run of the same dataset.</p>
      ) : null}
      <Suspense fallback={<div className="mb-6 h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />}>
        <FilterBar runId={run.runId} filters={filters} />
      </Suspense>
      {children(run, filters)}
    </div>
  );
}
