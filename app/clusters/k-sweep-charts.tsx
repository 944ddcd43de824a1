'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepPointDto } from '@/lib/server/dashboard/clusters/get-cluster-diagnostics';

const number = (digits: number) => (value: unknown) => Number(value).toLocaleString('en-US', { maximumFractionDigits: digits });

/** Inertia (elbow) and silhouette by k, with the chosen k and the elbow marked. */
export function KSweepCharts({ sweep, chosenK, elbowK }: { sweep: SweepPointDto[]; chosenK: number; elbowK: number }) {
  const charts = [
    { key: 'inertia', title: 'Inertia by k (elbow)', color: '#4f46e5', digits: 1 },
    { key: 'silhouette', title: 'Silhouette by k (higher is better)', color: '#059669', digits: 3 },
  ] as const;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {charts.map((chart) => (
        <figure key={chart.key} className="min-w-0">
          <figcaption className="mb-1 text-sm font-medium text-slate-700">{chart.title}</figcaption>
          <div
            className="h-56"
            role="img"
            aria-label={`${chart.title}: ${sweep.map((e) => `k ${e.k} ${number(chart.digits)(e[chart.key])}`).join(', ')}. Chosen k ${chosenK}${chart.key === 'inertia' ? `, elbow at k ${elbowK}` : ''}.`}
          >
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={sweep} accessibilityLayer={false} margin={{ top: 10, right: 16, bottom: 5, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="k" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tickCount={sweep.length} />
                <YAxis width={56} tickFormatter={number(chart.digits)} domain={['auto', 'auto']} />
                <Tooltip formatter={(value) => [number(chart.digits)(value), chart.key]} labelFormatter={(k) => `k = ${k}`} />
                <ReferenceLine x={chosenK} stroke="#dc2626" strokeDasharray="4 2" label={{ value: `chosen k = ${chosenK}`, position: 'insideTopLeft', fill: '#dc2626', fontSize: 12 }} />
                {chart.key === 'inertia' && elbowK !== chosenK ? (
                  <ReferenceLine x={elbowK} stroke="#64748b" strokeDasharray="2 2" label={{ value: `elbow k = ${elbowK}`, position: 'insideTopLeft', fill: '#475569', fontSize: 12 }} />
                ) : null}
                <Line dataKey={chart.key} stroke={chart.color} strokeWidth={2} dot isAnimationActive={false} connectNulls />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      ))}
    </div>
  );
}
