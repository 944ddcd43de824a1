'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreCountDto } from '@/lib/server/dashboard/segments/get-rfm-grid';

const CHARTS = [
  { key: 'recency', title: 'Recency score', color: '#4f46e5' },
  { key: 'frequency', title: 'Frequency score', color: '#0891b2' },
  { key: 'monetary', title: 'Monetary score', color: '#059669' },
] as const;

/** Customers per R, F and M score (1 = worst, 5 = best), three bar charts. */
export function ScoreDistributionCharts({ distributions }: { distributions: Record<(typeof CHARTS)[number]['key'], ScoreCountDto[]> }) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {CHARTS.map((chart) => {
        const data = distributions[chart.key];
        return (
          <figure key={chart.key} className="min-w-0">
            <figcaption className="mb-1 text-sm font-medium text-slate-700">{chart.title}</figcaption>
            <div className="h-48" role="img" aria-label={`${chart.title}: ${data.map((d) => `score ${d.score} ${d.customers} customers`).join(', ')}`}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} accessibilityLayer={false} margin={{ top: 5, right: 5, bottom: 5, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="score" tickLine={false} />
                  <YAxis allowDecimals={false} width={44} />
                  <Tooltip formatter={(value) => [Number(value).toLocaleString('en-US'), 'Customers']} labelFormatter={(label) => `Score ${label}`} />
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
