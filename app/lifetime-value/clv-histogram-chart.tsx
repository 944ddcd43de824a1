'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ClvHistogramBar {
  label: string;
  range: string;
  customers: number;
}

/** Customers per CLV bin; bins are computed on the server. */
export function ClvHistogramChart({ bars, xLabel }: { bars: ClvHistogramBar[]; xLabel: string }) {
  return (
    <div className="h-72 w-full" role="img" aria-label="Histogram of customers by predicted lifetime value">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" label={{ value: xLabel, position: 'insideBottom', offset: -16, fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} label={{ value: 'Customers', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <Tooltip formatter={(value) => [String(value), 'Customers']} labelFormatter={(_, payload) => (payload?.[0]?.payload as ClvHistogramBar | undefined)?.range ?? ''} />
          <Bar dataKey="customers" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
