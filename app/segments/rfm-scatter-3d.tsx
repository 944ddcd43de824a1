'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { formatCount, formatInteger, formatMoney } from '@/lib/format/format-number';
import { fromScatterColumns, type ScatterSampleDto } from '@/lib/format/scatter-columns';
import { sampleSentence, useScatterSample } from '@/components/charts/use-scatter-sample';
import { EmptyState, Skeleton } from '@/components/ui/section';
import { categoryColor } from '../clusters/cluster-colors';
import { ColorByChoice, type ColorBy } from '@/components/charts/color-by-choice';


// plotly reads tags (<a href>, <b>) in hover text: ids and names from a file are written as text.
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** plotly.js's 3D traces, one per segment or cluster: recency across, orders and monetary value on log axes. */
function traces(sample: ScatterSampleDto, colorBy: ColorBy, currency: string | null) {
  const points = fromScatterColumns(sample.columns).filter((p) => p.frequency > 0 && p.monetary > 0);
  const groups =
    colorBy === 'cluster' && sample.clusters.length > 0
      ? sample.clusters.map((c) => ({ label: `${c.cluster}: ${c.name}`, color: categoryColor(c.cluster), points: points.filter((p) => p.cluster === c.cluster) }))
      : [...new Set(points.map((p) => p.segment))].sort().map((segment, i) => ({ label: segment, color: categoryColor(i), points: points.filter((p) => p.segment === segment) }));
  const describe = (p: (typeof points)[number], label: string) =>
    `Customer ${p.customerId} · ${label} · ${formatCount(p.recency, 'day')} since the last purchase · ${formatCount(p.frequency, 'order')} · monetary ${formatMoney(p.monetary, currency)}`;
  return {
    plotted: points.length,
    described: new Map(groups.flatMap((g) => g.points.map((p) => [p.customerId, describe(p, g.label)] as const))),
    data: groups.map((g) => ({
      type: 'scatter3d',
      mode: 'markers',
      name: `${escapeText(g.label)} (${formatInteger(g.points.length)})`,
      x: g.points.map((p) => p.recency),
      y: g.points.map((p) => p.frequency),
      z: g.points.map((p) => p.monetary),
      customdata: g.points.map((p) => p.customerId),
      text: g.points.map((p) => `Customer ${escapeText(p.customerId)}<br>${escapeText(g.label)}<br>${formatInteger(p.recency)} days since the last purchase<br>${formatInteger(p.frequency)} orders<br>Monetary ${formatMoney(p.monetary, currency)}`),
      hovertemplate: '%{text}<extra></extra>',
      marker: { size: 2.5, color: g.color, opacity: 0.75 },
    })),
  };
}

/**
 * The view's customers in recency x frequency x monetary space (the clusters page's seeded sample),
 * coloured by RFM segment or cluster: drag to rotate, scroll to zoom, hover for the customer, click
 * to open their page. plotly.js is loaded only when this chart is on screen.
 */
export function RfmScatter3d({ runId, query, runQuery, currency, moneyNote }: { runId: number; query: string; runQuery: string; currency: string | null; moneyNote: string }) {
  const result = useScatterSample(runId, query);
  const [colorBy, setColorBy] = useState<ColorBy>('segment');
  const [failed, setFailed] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const sample = result.state === 'done' ? result.sample : null;
  const plot = useMemo(() => (sample ? traces(sample, colorBy, currency) : null), [sample, colorBy, currency]);

  useEffect(() => {
    const element = root.current;
    if (!element || !plot || plot.plotted === 0) return;
    let cancelled = false;
    import('plotly.js-gl3d-dist-min')
      .then(async ({ default: Plotly }) => {
        if (cancelled) return;
        const axis = (title: string, type: 'linear' | 'log') => ({ title: { text: title }, type, backgroundcolor: '#f8fafc', gridcolor: '#e2e8f0', showbackground: true });
        const drawn = await Plotly.react(
          element,
          plot.data,
          {
            margin: { l: 0, r: 0, t: 0, b: 0 },
            height: 520,
            legend: { orientation: 'v', x: 1, y: 0.5 },
            scene: {
              xaxis: axis('Recency (days)', 'linear'),
              yaxis: axis('Orders (log)', 'log'),
              zaxis: axis(`Monetary (${moneyNote ? `${moneyNote}, ` : ''}log)`, 'log'),
              camera: { eye: { x: 1.7, y: 1.7, z: 0.8 } },
              aspectmode: 'cube',
            },
          },
          // No mode bar: rotating and zooming are on the pointer, and its icon links have no names for screen readers.
          { displaylogo: false, responsive: true, displayModeBar: false },
        );
        drawn.on('plotly_hover', (event) => {
          const id = event.points[0]?.customdata;
          setHovered(typeof id === 'string' ? (plot.described.get(id) ?? null) : null);
        });
        drawn.on('plotly_click', (event) => {
          const id = event.points[0]?.customdata;
          if (typeof id === 'string') router.push(`/customers/${encodeURIComponent(id)}${runQuery ? `?${runQuery}` : ''}`);
        });
      })
      .catch((error: unknown) => setFailed(`The 3D chart could not be drawn (${error instanceof Error ? error.message : String(error)}); the 2D charts below show the same customers.`));
    return () => {
      cancelled = true;
    };
  }, [plot, router, runQuery, moneyNote]);

  useEffect(() => {
    const element = root.current;
    return () => {
      if (element) void import('plotly.js-gl3d-dist-min').then(({ default: Plotly }) => Plotly.purge(element));
    };
  }, []);

  if (result.state === 'loading') return <Skeleton height="h-[520px]" />;
  if (result.state === 'failed') return <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">{result.message}</p>;
  if (result.sample.total === 0 || !plot || plot.plotted === 0) return <EmptyState />;
  const left = result.sample.shown - plot.plotted;
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <p className="text-slate-600" data-testid="scatter-3d-sample">
          {sampleSentence(result.sample, formatInteger)}
          {left > 0 ? ` ${formatInteger(left)} with no orders or no positive value are left out of the log axes.` : ''}
        </p>
        <ColorByChoice value={colorBy} onChange={setColorBy} hasClusters={result.sample.clusters.length > 0} order={['segment', 'cluster']} />
      </div>
      {failed ? <p role="alert" className="mb-2 rounded bg-amber-50 p-3 text-sm text-amber-900">{failed}</p> : null}
      <figure aria-label={`Recency, orders and monetary value of ${formatInteger(plot.plotted)} customers in three dimensions, coloured by ${colorBy === 'cluster' ? 'cluster' : 'RFM segment'}; the customers table lists the same customers.`}>
        <div ref={root} className="min-h-[520px] w-full" data-testid="rfm-scatter-3d" />
      </figure>
      <p role="status" className="mt-1 min-h-5 text-sm text-slate-700" data-testid="scatter-3d-hovered">
        {hovered ?? ''}
      </p>
      <p className="text-xs text-slate-500">Drag to rotate, scroll to zoom, hover a point for the customer, click it to open their page.</p>
    </div>
  );
}
