'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { MultiSelect } from '@/components/ui/multi-select';
import { describeMovedFrom } from '@/lib/format/describe-moved-from';
import { formatMoney } from '@/lib/format/format-number';
import { filtersToSearchParams, patchFiltersHref, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import type { FilterOptionsDto } from '@/lib/server/dashboard/get-filter-options';
import { ExportMenu } from './export-menu';
import { SaveAudienceForm } from './save-audience-form';

const METHOD_LABEL = { kmeans: 'k-means', gmm: 'Gaussian mixture', hierarchical: 'Hierarchical' } as const;

const asOptions = (rows: { value: string; customers: number }[]) => rows.map((r) => ({ value: r.value, label: r.value, count: r.customers }));

/**
 * The filters of the view: the applied ones as removable chips and a draft form to change them.
 * The URL is the only applied state: chips and the form read it on every render (the form is
 * remounted whenever the URL's filters change), and every change writes a new URL.
 */
export function FilterControls({
  options,
  filters,
  runId,
  canSaveAudience,
}: {
  options: FilterOptionsDto;
  filters: DashboardFilters;
  runId: number;
  canSaveAudience: boolean;
}) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = filtersToSearchParams(filters).toString();
  const listRef = useRef<HTMLUListElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  // The chip position to focus once the URL without it has rendered: focus stays where the user acted.
  const focusAfter = useRef<number | null>(null);
  const href = (next: Partial<DashboardFilters>) => patchFiltersHref(pathname, new URLSearchParams(searchParams.toString()), next);
  const clusterName = (k: number) => options.clusters[filters.method].find((c) => c.value === k)?.name;

  const chips: { label: string; without: Partial<DashboardFilters> }[] = [
    ...filters.country.map((c) => ({ label: `Country: ${c}`, without: { ...filters, country: filters.country.filter((x) => x !== c) } })),
    ...filters.segment.map((s) => ({ label: `Segment: ${s}`, without: { ...filters, segment: filters.segment.filter((x) => x !== s) } })),
    ...filters.combined.map((s) => ({ label: `Combined: ${s}`, without: { ...filters, combined: filters.combined.filter((x) => x !== s) } })),
    ...(filters.minClv !== undefined ? [{ label: `CLV ≥ ${formatMoney(filters.minClv, options.currency)}`, without: { ...filters, minClv: undefined } }] : []),
    ...(filters.minFrequency !== undefined ? [{ label: `Orders ≥ ${filters.minFrequency}`, without: { ...filters, minFrequency: undefined } }] : []),
    ...filters.cluster.map((k) => ({
      label: `${METHOD_LABEL[filters.method]} cluster ${k}${clusterName(k) ? ` (${clusterName(k)})` : ''}`,
      without: { ...filters, cluster: filters.cluster.filter((x) => x !== k) },
    })),
    ...filters.churn.map((c) => ({ label: `Churn status: ${c}`, without: { ...filters, churn: filters.churn.filter((x) => x !== c) } })),
    ...(filters.movedFrom ? [{ label: describeMovedFrom(filters.movedFrom, 'segment'), without: { ...filters, movedFrom: undefined } }] : []),
    ...(filters.churnFrom ? [{ label: describeMovedFrom(filters.churnFrom, 'churn status'), without: { ...filters, churnFrom: undefined } }] : []),
  ];

  useEffect(() => {
    const index = focusAfter.current;
    if (index === null) return;
    focusAfter.current = null;
    const remaining = listRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-chip]') ?? [];
    if (remaining.length > 0) remaining[Math.min(index, remaining.length - 1)].focus();
    else emptyRef.current?.focus();
  }, [query]);

  return (
    <section aria-label="Filters" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <FilterDraftForm key={query} options={options} filters={filters} href={href} />
      <div className="mt-3 flex flex-wrap items-start justify-between gap-3 text-sm">
        {/* At least 16rem before the export buttons go to their own line, so the chips and the "no filters" note are never squeezed to a word's width. */}
        <div className="min-w-0 flex-[1_1_16rem]">
          {chips.length > 0 ? (
            <ul ref={listRef} aria-label="Active filters" className="flex flex-wrap gap-2 text-xs">
              {chips.map((chip, i) => (
                <li key={chip.label}>
                  <Link
                    data-chip=""
                    href={href(chip.without)}
                    onClick={() => (focusAfter.current = i)}
                    aria-label={`Remove filter ${chip.label}`}
                    className="inline-block rounded-full bg-indigo-50 px-3 py-1 text-indigo-800 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {chip.label} <span aria-hidden="true">×</span>
                  </Link>
                </li>
              ))}
              <li>
                <Link href={href({ run: filters.run })} onClick={() => (focusAfter.current = 0)} className="inline-block px-2 py-1 text-slate-600 underline">
                  Clear all
                </Link>
              </li>
            </ul>
          ) : (
            <p ref={emptyRef} tabIndex={-1} className="py-1 text-xs text-slate-600 outline-none">
              No filters applied: all customers.
            </p>
          )}
        </div>
        <div className="flex gap-2">
          <ExportMenu filters={filters} runId={runId} />
          {canSaveAudience ? <SaveAudienceForm filters={filters} runId={runId} /> : null}
        </div>
      </div>
    </section>
  );
}

/** The filters being edited, seeded from the URL; Apply writes them all to the URL at once. */
function FilterDraftForm({ options, filters, href }: { options: FilterOptionsDto; filters: DashboardFilters; href: (next: Partial<DashboardFilters>) => string }) {
  const router = useRouter();
  const [draft, setDraft] = useState(filters);
  const clusterOptions = options.clusters[draft.method].map((c) => ({ value: String(c.value), label: `${c.value}: ${c.name}`, count: c.customers }));
  return (
    <form
      aria-label="Filter the customers"
      className="grid grid-cols-2 items-end gap-3 text-sm md:grid-cols-4 2xl:grid-cols-8"
      onSubmit={(event) => {
        event.preventDefault();
        router.push(href(draft));
      }}
    >
      <MultiSelect label="Country" noun="country" pluralNoun="countries" options={asOptions(options.countries)} value={draft.country} onChange={(country) => setDraft({ ...draft, country })} />
      <MultiSelect label="Segment" noun="segment" options={asOptions(options.segments)} value={draft.segment} onChange={(segment) => setDraft({ ...draft, segment })} />
      <MultiSelect
        label="Combined segment"
        noun="combined segment"
        options={asOptions(options.combinedSegments)}
        value={draft.combined}
        onChange={(combined) => setDraft({ ...draft, combined })}
      />
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
          className="rounded border border-slate-300 bg-white px-2 py-1"
        >
          {(Object.keys(METHOD_LABEL) as (keyof typeof METHOD_LABEL)[]).map((m) => (
            <option key={m} value={m}>
              {METHOD_LABEL[m]}
            </option>
          ))}
        </select>
      </label>
      <MultiSelect
        label="Cluster"
        noun="cluster"
        options={clusterOptions}
        value={draft.cluster.map(String)}
        onChange={(cluster) => setDraft({ ...draft, cluster: cluster.map(Number) })}
      />
      <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        Apply filters
      </button>
    </form>
  );
}
