'use client';

import { useEffect, useState } from 'react';
import { formatInteger } from '@/lib/format/format-number';
import type { ScatterSampleDto } from '@/lib/format/scatter-columns';
import { EmptyState, Skeleton } from '@/components/ui/section';
import { ClusterScatterCharts } from './cluster-scatter-charts';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'done'; sample: ScatterSampleDto };

/** Fetches the scatter sample of the view (`query`: its filters) once the page is open, then draws it. */
export function ClusterScatterLoader({ runId, query, moneyNote, currency }: { runId: number; query: string; moneyNote: string; currency: string | null }) {
  const url = `/api/runs/${runId}/scatter${query ? `?${query}` : ''}`;
  const [loaded, setLoaded] = useState<{ url: string; result: Loaded }>({ url, result: { state: 'loading' } });
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.json();
        setLoaded({ url, result: response.ok ? { state: 'done', sample: body as ScatterSampleDto } : { state: 'failed', message: body?.error?.message ?? `The customers could not be loaded (HTTP ${response.status}).` } });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ url, result: { state: 'failed', message: `The customers could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.` } });
      });
    return () => controller.abort();
  }, [url]);
  const result = loaded.url === url ? loaded.result : { state: 'loading' as const };
  if (result.state === 'loading') return <Skeleton height="h-96" />;
  if (result.state === 'failed') return <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">{result.message}</p>;
  const { sample } = result;
  if (sample.total === 0) return <EmptyState />;
  return (
    <>
      <p className="mb-3 text-sm text-slate-600" data-testid="scatter-sample">
        {sample.shown < sample.total
          ? `${formatInteger(sample.shown)} of ${formatInteger(sample.total)} customers shown: a fixed sample (by a hash of the customer id), the same on every visit.`
          : `All ${formatInteger(sample.total)} customers shown.`}
        {sample.withoutClv > 0 ? ` ${formatInteger(sample.withoutClv)} of them have no positive CLV and are left out of the CLV chart.` : ''}
      </p>
      <ClusterScatterCharts columns={sample.columns} clusters={sample.clusters} moneyNote={moneyNote} currency={currency} />
    </>
  );
}
