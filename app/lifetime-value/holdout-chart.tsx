'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface HoldoutChartRow {
  label: string;
  actual: number;
  predicted: number;
  naive: number;
}

/** Mean holdout purchases per customer by calibration repeat count: actual, model and naive baseline. */
export function HoldoutChart({ rows }: { rows: HoldoutChartRow[] }) {
  return (
    <div className="h-72 w-full" role="img" aria-label="Actual, predicted and naive holdout purchases per customer by repeat purchases before the holdout">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} label={{ value: 'Repeat purchases before the holdout', position: 'insideBottom', offset: -16, fontSize: 12 }} />
          <YAxis tick={{ fontSize: 11 }} label={{ value: 'Purchases per customer', angle: -90, position: 'insideLeft', fontSize: 12, dy: 60 }} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(2) : String(value))} />
          <Legend verticalAlign="top" height={28} />
          <Bar dataKey="actual" name="Actual" fill="#0f172a" isAnimationActive={false} />
          <Bar dataKey="predicted" name="Model" fill="#4f46e5" isAnimationActive={false} />
          <Bar dataKey="naive" name="Naive (past rate)" fill="#f59e0b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
