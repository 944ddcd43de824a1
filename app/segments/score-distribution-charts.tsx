'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInteger } from '@/lib/format/format-number';
import { scoreRangeLabel, type RfmDimension } from '@/lib/format/score-range-label';
import type { ScoreCountDto } from '@/lib/server/dashboard/segments/get-rfm-grid';

const CHARTS = [
  { key: 'recency', title: 'Recency score (days since the last purchase)', color: '#4f46e5' },
  { key: 'frequency', title: 'Frequency score (orders)', color: '#0891b2' },
  { key: 'monetary', title: 'Monetary score (value)', color: '#059669' },
] as const satisfies readonly { key: RfmDimension; title: string; color: string }[];

interface TickProps {
  x?: number;
  y?: number;
  payload?: { value: number };
}

/**
 * Customers per R, F and M score (1 = worst, 5 = best), three bar charts; under each bar the range
 * of values its customers have, so the charts show where the score boundaries fall.
 */
export function ScoreDistributionCharts({ distributions, currency }: { distributions: Record<RfmDimension, ScoreCountDto[]>; currency: string | null }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {CHARTS.map((chart) => {
        const data = distributions[chart.key].map((d) => ({ ...d, range: scoreRangeLabel(chart.key, d.min, d.max, currency) }));
        const rangeOf = new Map(data.map((d) => [d.score, d.range]));
        const Tick = ({ x = 0, y = 0, payload }: TickProps) => (
          <g transform={`translate(${x},${y})`}>
            <text dy={12} textAnchor="middle" fontSize={12} fill="#334155">
              {payload?.value}
            </text>
            {/* The range on two lines (low, then "–high"), so neighbouring bars' labels never run together. */}
            {(payload ? (rangeOf.get(payload.value) ?? '') : '').split(/(?=–)/).map((part, line) => (
              <text key={line} dy={26 + line * 12} textAnchor="middle" fontSize={10} fill="#64748b">
                {part}
              </text>
            ))}
          </g>
        );
        return (
          <figure key={chart.key} className="min-w-0">
            <figcaption className="mb-1 text-sm font-medium text-slate-700">{chart.title}</figcaption>
            <div className="h-60" role="img" aria-label={`${chart.title}: ${data.map((d) => `score ${d.score}, ${d.range}, ${formatInteger(d.customers)} customers`).join('; ')}`}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} accessibilityLayer={false} margin={{ top: 12, right: 8, bottom: 5, left: 4 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="score" tickLine={false} interval={0} height={48} tick={<Tick />} />
                  <YAxis allowDecimals={false} width={48} />
                  <Tooltip formatter={(value) => [formatInteger(Number(value)), 'Customers']} labelFormatter={(label) => `Score ${label}: ${rangeOf.get(Number(label)) ?? ''}`} />
                  <Bar dataKey="customers" fill={chart.color} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
        );
      })}
    </div>
  );
}
