'use client';

import { useMemo, useState, useSyncExternalStore, type MouseEvent } from 'react';
import { fromScatterColumns, type ScatterColumns } from '@/lib/format/scatter-columns';
import { formatMoney, formatMoneyCompact } from '@/lib/format/format-number';
import { logAxisTicks } from '@/lib/format/log-axis-ticks';
import type { ScatterPointDto } from '@/lib/server/dashboard/clusters/get-cluster-scatter';
import { categoryColor } from './cluster-colors';
import { ColorByChoice, type ColorBy } from '@/components/charts/color-by-choice';

type Axis = 'recency' | 'frequency' | 'monetary' | 'clv';
interface Group {
  key: string;
  label: string;
  color: string;
  points: ScatterPointDto[];
}

// Plain SVG rather than Recharts: 2 x 2,000 points re-render in milliseconds instead of seconds.
const W = 600;
const H = 360;
// The right margin holds half of the last x label ("£500K") when the axis ends on one.
const M = { left: 56, right: 22, top: 10, bottom: 44 };
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
/** Width of one character of an 11 px tick label (a generous average: digits, "$", "K"), in viewBox units. */
const Y_LABEL_CHAR_WIDTH = 6.6;
/** Room left of the y labels for the rotated axis title (12 px text) and a gap. */
const Y_TITLE_SPACE = 20;

function linearTicks(max: number): number[] {
  const raw = Math.max(max, 1) / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => i * step);
}

const linearAxis = (ticks: number[]) => ({ ticks, lo: ticks[0], hi: ticks[ticks.length - 1] });

function axisScale(values: number[], log: boolean, size: number, flip: boolean) {
  const { ticks, lo, hi } = log ? logAxisTicks(Math.min(...values), Math.max(...values)) : linearAxis(linearTicks(Math.max(...values)));
  const f = (v: number) => (log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo) || 1) : (v - lo) / (hi - lo || 1));
  return { ticks, at: (v: number) => (flip ? 1 - f(v) : f(v)) * size };
}

const noSubscription = () => () => {};

function ScatterPlot({ groups, x, y, xLabel, yLabel, title, currency }: { groups: Group[]; x: Axis; y: Axis; xLabel: string; yLabel: string; title: string; currency: string | null }) {
  // The points are drawn in the browser only: the server's HTML carries the axes, not 4,000 circles.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [hover, setHover] = useState<{ p: ScatterPointDto; label: string; left: number; top: number } | null>(null);
  const xLog = x !== 'recency';
  const usable = (p: ScatterPointDto) => {
    const [vx, vy] = [p[x], p[y]];
    return vx !== null && vy !== null && (!xLog || vx > 0) && vy > 0;
  };
  const visible = groups.map((g) => ({ ...g, points: g.points.filter(usable) }));
  const all = visible.flatMap((g) => g.points);
  if (all.length === 0) return <p className="text-sm text-slate-500">No customer has the values for this chart.</p>;
  const tick = (axis: Axis) => (axis === 'monetary' || axis === 'clv' ? (t: number) => formatMoneyCompact(t, currency) : (t: number) => compact.format(t));
  const plotH = H - M.top - M.bottom;
  const sy = axisScale(all.map((p) => p[y] as number), true, plotH, true);
  // The left margin fits the longest y label ("CA$100K") and, left of it, the rotated axis title.
  const yLabelWidth = Math.max(...sy.ticks.map((t) => tick(y)(t).length)) * Y_LABEL_CHAR_WIDTH;
  const left = Math.max(M.left, Math.ceil(yLabelWidth + 6 + Y_TITLE_SPACE));
  const plotW = W - left - M.right;
  const sx = axisScale(all.map((p) => p[x] as number), xLog, plotW, false);
  // The tooltip is computed on hover from the nearest point, so the points carry no markup of their own.
  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const mx = ((event.clientX - box.left) / box.width) * W - left;
    const my = ((event.clientY - box.top) / box.height) * H - M.top;
    let best: { p: ScatterPointDto; label: string; d: number } | null = null;
    for (const g of visible) {
      for (const p of g.points) {
        const d = (sx.at(p[x] as number) - mx) ** 2 + (sy.at(p[y] as number) - my) ** 2;
        if (!best || d < best.d) best = { p, label: g.label, d };
      }
    }
    setHover(best && best.d < 100 ? { p: best.p, label: best.label, left: event.clientX - box.left, top: event.clientY - box.top } : null);
  };
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-sm font-medium text-slate-700">{title}</figcaption>
      <div className="relative">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-label={`${title}: ${all.length} customers; ${xLabel} across, ${yLabel} up.`} onMouseMove={onMove} onMouseLeave={() => setHover(null)}>
        <g transform={`translate(${left},${M.top})`}>
          {sx.ticks.map((t) => (
            <g key={`x${t}`}>
              <line x1={sx.at(t)} x2={sx.at(t)} y1={0} y2={plotH} stroke="#e2e8f0" />
              <text x={sx.at(t)} y={plotH + 16} fontSize={11} textAnchor="middle" fill="#64748b">
                {tick(x)(t)}
              </text>
            </g>
          ))}
          {sy.ticks.map((t) => (
            <g key={`y${t}`}>
              <line x1={0} x2={plotW} y1={sy.at(t)} y2={sy.at(t)} stroke="#e2e8f0" />
              <text x={-6} y={sy.at(t) + 4} fontSize={11} textAnchor="end" fill="#64748b">
                {tick(y)(t)}
              </text>
            </g>
          ))}
          <rect x={0} y={0} width={plotW} height={plotH} fill="none" stroke="#cbd5e1" />
          {hydrated && visible.map((g) => (
            <g key={g.key} fill={g.color} fillOpacity={0.6}>
              {g.points.map((p) => (
                <circle key={p.customerId} cx={Math.round(sx.at(p[x] as number) * 10) / 10} cy={Math.round(sy.at(p[y] as number) * 10) / 10} r={2.6} />
              ))}
            </g>
          ))}
          <text x={plotW / 2} y={plotH + 36} fontSize={12} textAnchor="middle" fill="#334155">
            {xLabel}
          </text>
          <text transform={`translate(${-(left - 12)},${plotH / 2}) rotate(-90)`} fontSize={12} textAnchor="middle" fill="#334155">
            {yLabel}
          </text>
        </g>
      </svg>
      {hover ? (
        <div role="status" className="pointer-events-none absolute z-10 w-60 rounded bg-slate-900 px-2 py-1 text-xs text-white shadow" style={{ left: Math.min(hover.left + 8, 9999), top: hover.top + 8 }}>
          {`Customer ${hover.p.customerId} (${hover.label}): ${hover.p.recency} days since last purchase, ${hover.p.frequency} orders, monetary ${formatMoney(hover.p.monetary, currency)}, CLV ${formatMoney(hover.p.clv, currency)}`}
        </div>
      ) : null}
      </div>
    </figure>
  );
}

/** Recency vs frequency and monetary vs CLV of the sampled customers, coloured by cluster or by RFM segment. */
export function ClusterScatterCharts({
  columns,
  clusters,
  moneyNote,
  currency,
}: {
  columns: ScatterColumns;
  clusters: { cluster: number; name: string }[];
  /** The run's value basis and currency ("net of refunds, AUD"), for the money axes; '' when unknown. */
  moneyNote: string;
  /** The run's currency for money axes and the tooltip; null when unknown. */
  currency: string | null;
}) {
  const unit = moneyNote ? `${moneyNote}, ` : '';
  const points = useMemo(() => fromScatterColumns(columns), [columns]);
  const hasClusters = clusters.length > 0;
  const [colorBy, setColorBy] = useState<ColorBy>(hasClusters ? 'cluster' : 'segment');
  const groups: Group[] = useMemo(
    () =>
      colorBy === 'cluster' && hasClusters
        ? [
            ...clusters.map((c) => ({ key: `c${c.cluster}`, label: `${c.cluster}: ${c.name}`, color: categoryColor(c.cluster), points: points.filter((p) => p.cluster === c.cluster) })),
            ...(points.some((p) => p.cluster === null) ? [{ key: 'none', label: 'No cluster', color: '#94a3b8', points: points.filter((p) => p.cluster === null) }] : []),
          ]
        : [...new Set(points.map((p) => p.segment))]
            .sort()
            .map((segment, i) => ({ key: `s${segment}`, label: segment, color: categoryColor(i), points: points.filter((p) => p.segment === segment) })),
    [colorBy, hasClusters, clusters, points],
  );
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-start gap-x-6 gap-y-2 text-sm">
        <ColorByChoice value={colorBy} onChange={setColorBy} hasClusters={hasClusters} />
        <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {groups.map((g) => (
            <li key={g.key} className="flex items-center gap-1">
              <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: g.color }} />
              {g.label} ({g.points.length})
            </li>
          ))}
        </ul>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <ScatterPlot groups={groups} x="recency" y="frequency" xLabel="Recency (days since last purchase)" yLabel="Orders (log scale)" title="Recency vs frequency" currency={currency} />
        <ScatterPlot groups={groups} x="monetary" y="clv" xLabel={`Monetary value (${unit}log scale)`} yLabel={`CLV (${unit}log scale)`} title="Monetary value vs CLV" currency={currency} />
      </div>
    </div>
  );
}
