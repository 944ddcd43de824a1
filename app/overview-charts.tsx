'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartTable } from '@/components/charts/chart-table';
import { formatInteger, formatMoney, formatMoneyCompact } from '@/lib/format/format-number';

export interface BarDatum {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart of labelled values, for segment and country breakdowns: named as an
 * image, not a Tab stop, with its numbers in a "Show as table" disclosure; money when `currency` is given.
 */
export function HorizontalBars({
  title,
  data,
  labelHeading,
  valueLabel,
  currency,
  height = 320,
}: {
  title: string;
  data: BarDatum[];
  labelHeading: string;
  valueLabel: string;
  currency?: string | null;
  height?: number;
}) {
  const money = currency !== undefined;
  const full = (v: number) => (money ? formatMoney(v, currency) : formatInteger(v));
  return (
    <figure>
      <div style={{ height }} role="img" aria-label={`${title}: ${data.map((d) => `${d.label} ${full(d.value)}`).join(', ')}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tickFormatter={(v: number) => formatMoneyCompact(v, money ? currency : null)} fontSize={12} />
            <YAxis type="category" dataKey="label" width={130} fontSize={12} />
            <Tooltip formatter={(v) => [full(Number(v)), valueLabel]} />
            <Bar dataKey="value" fill="#4f46e5" radius={[0, 3, 3, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartTable caption={title} columns={[labelHeading, valueLabel]} rows={data.map((d) => ({ key: d.label, cells: [d.label, full(d.value)] }))} />
    </figure>
  );
}
