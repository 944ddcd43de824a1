'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import type { FilterOptionsDto } from '@/lib/server/dashboard/get-filter-options';
import { ExportMenu } from './export-menu';
import { SaveAudienceForm } from './save-audience-form';

const METHOD_LABEL = { kmeans: 'k-means', gmm: 'Gaussian mixture', hierarchical: 'Hierarchical' } as const;

function href(pathname: string, filters: Partial<DashboardFilters>): string {
  const query = filtersToSearchParams(filters).toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Filter inputs and the active filters as removable chips; applying pushes a new URL. */
export function FilterControls({ options, filters, runId }: { options: FilterOptionsDto; filters: DashboardFilters; runId: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const [draft, setDraft] = useState(filters);
  const clusterOptions = options.clusters[draft.method];

  const chips: { label: string; without: Partial<DashboardFilters> }[] = [
    ...filters.country.map((c) => ({ label: `Country: ${c}`, without: { ...filters, country: filters.country.filter((x) => x !== c) } })),
    ...filters.segment.map((s) => ({ label: `Segment: ${s}`, without: { ...filters, segment: filters.segment.filter((x) => x !== s) } })),
    ...filters.combined.map((s) => ({ label: `Combined: ${s}`, without: { ...filters, combined: filters.combined.filter((x) => x !== s) } })),
    ...(filters.minClv !== undefined ? [{ label: `CLV ≥ ${filters.minClv}`, without: { ...filters, minClv: undefined } }] : []),
    ...(filters.minFrequency !== undefined ? [{ label: `Orders ≥ ${filters.minFrequency}`, without: { ...filters, minFrequency: undefined } }] : []),
    ...filters.cluster.map((k) => ({
      label: `${METHOD_LABEL[filters.method]} cluster ${k}${options.clusters[filters.method].find((c) => c.value === k)?.name ? ` (${options.clusters[filters.method].find((c) => c.value === k)?.name})` : ''}`,
      without: { ...filters, cluster: filters.cluster.filter((x) => x !== k) },
    })),
  ];

  const activeFilters = (
    <ul aria-label="Active filters" className="flex flex-wrap gap-2 text-xs">
      {chips.map((chip) => (
        <li key={chip.label}>
          <Link
            href={href(pathname, chip.without)}
            aria-label={`Remove filter ${chip.label}`}
            className="rounded-full bg-indigo-50 px-3 py-1 text-indigo-800 hover:bg-indigo-100"
          >
            {chip.label} ×
          </Link>
        </li>
      ))}
      <li>
        <Link href={href(pathname, { run: filters.run })} className="px-2 py-1 text-slate-500 underline">
          Clear all
        </Link>
      </li>
    </ul>
  );

  return (
    <section aria-label="Filters" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <form
        className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4 xl:grid-cols-8"
        onSubmit={(event) => {
          event.preventDefault();
          router.push(href(pathname, draft));
        }}
      >
        <label className="flex flex-col gap-1">
          Country
          <select
            multiple
            value={draft.country}
            onChange={(e) => setDraft({ ...draft, country: Array.from(e.target.selectedOptions, (o) => o.value) })}
            className="h-20 rounded border border-slate-300 px-1"
          >
            {options.countries.map((c) => (
              <option key={c.value} value={c.value}>
                {c.value} ({c.customers})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Segment
          <select
            multiple
            value={draft.segment}
            onChange={(e) => setDraft({ ...draft, segment: Array.from(e.target.selectedOptions, (o) => o.value) })}
            className="h-20 rounded border border-slate-300 px-1"
          >
            {options.segments.map((s) => (
              <option key={s.value} value={s.value}>
                {s.value} ({s.customers})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1" title="Churn status with RFM segment, e.g. At Risk · Loyal Customers: loyal customers who are slipping away">
          Combined segment
          <select
            multiple
            value={draft.combined}
            onChange={(e) => setDraft({ ...draft, combined: Array.from(e.target.selectedOptions, (o) => o.value) })}
            className="h-20 rounded border border-slate-300 px-1"
          >
            {options.combinedSegments.map((s) => (
              <option key={s.value} value={s.value}>
                {s.value} ({s.customers})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Minimum CLV
          <input
            type="number"
            step="any"
            value={draft.minClv ?? ''}
            onChange={(e) => setDraft({ ...draft, minClv: e.target.value === '' ? undefined : Number(e.target.value) })}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          Minimum orders
          <input
            type="number"
            min={0}
            step={1}
            value={draft.minFrequency ?? ''}
            onChange={(e) => setDraft({ ...draft, minFrequency: e.target.value === '' ? undefined : Number(e.target.value) })}
            className="rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          Clustering
          <select
            value={draft.method}
            onChange={(e) => setDraft({ ...draft, method: e.target.value as DashboardFilters['method'], cluster: [] })}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {(Object.keys(METHOD_LABEL) as (keyof typeof METHOD_LABEL)[]).map((m) => (
              <option key={m} value={m}>
                {METHOD_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Cluster
          <select
            multiple
            value={draft.cluster.map(String)}
            onChange={(e) => setDraft({ ...draft, cluster: Array.from(e.target.selectedOptions, (o) => Number(o.value)) })}
            className="h-20 rounded border border-slate-300 px-1"
          >
            {clusterOptions.map((c) => (
              <option key={c.value} value={c.value}>
                {c.value}: {c.name} ({c.customers})
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-col gap-1">
          <label className="flex flex-col gap-1">
            Run
            <select
              value={String(draft.run ?? runId)}
              onChange={(e) => setDraft({ ...draft, run: Number(e.target.value) })}
              className="rounded border border-slate-300 px-2 py-1"
            >
              {options.runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="mt-auto rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
            Apply filters
          </button>
        </div>
      </form>
      <div className="mt-3 flex flex-wrap items-start justify-between gap-3 text-sm">
        <div className="min-w-0 flex-1">{chips.length > 0 ? activeFilters : <p className="py-1 text-xs text-slate-500">No filters applied: all customers.</p>}</div>
        <div className="flex gap-2">
          <ExportMenu filters={filters} runId={runId} />
          <SaveAudienceForm filters={filters} />
        </div>
      </div>
    </section>
  );
}
