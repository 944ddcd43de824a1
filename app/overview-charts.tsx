'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export interface BarDatum {
  label: string;
  value: number;
}

/** A horizontal bar chart of labelled values, for segment and country breakdowns. */
export function HorizontalBars({ data, valueLabel, height = 320 }: { data: BarDatum[]; valueLabel: string; height?: number }) {
  return (
    <div style={{ height }} role="img" aria-label={`${valueLabel}: ${data.map((d) => `${d.label} ${integer.format(d.value)}`).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" tickFormatter={(v: number) => compact.format(v)} fontSize={12} />
          <YAxis type="category" dataKey="label" width={130} fontSize={12} />
          <Tooltip formatter={(v) => [integer.format(Number(v)), valueLabel]} />
          <Bar dataKey="value" fill="#4f46e5" radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
