'use client';

import { formatInteger } from '@/lib/format/format-number';
import { scatterLeftOut, scatterLeftOutSentence } from '@/lib/format/scatter-left-out';
import { sampleSentence, useScatterSample } from '@/components/charts/use-scatter-sample';
import { EmptyState, Skeleton } from '@/components/ui/section';
import { ClusterScatterCharts } from './cluster-scatter-charts';

/** Fetches the scatter sample of the view (`query`: its filters) once the page is open, then draws it. */
export function ClusterScatterLoader({ runId, query, moneyNote, currency }: { runId: number; query: string; moneyNote: string; currency: string | null }) {
  const result = useScatterSample(runId, query);
  if (result.state === 'loading') return <Skeleton height="h-96" />;
  if (result.state === 'failed') return <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">{result.message}</p>;
  const { sample } = result;
  if (sample.total === 0) return <EmptyState />;
  const leftOut = scatterLeftOutSentence(scatterLeftOut(sample.columns), formatInteger);
  return (
    <>
      <p className="mb-3 text-sm text-slate-600" data-testid="scatter-sample">
        {sampleSentence(sample, formatInteger)}
        {leftOut ? ` ${leftOut}` : ''}
      </p>
      <ClusterScatterCharts columns={sample.columns} clusters={sample.clusters} moneyNote={moneyNote} currency={currency} />
    </>
  );
}
