'use client';

import { useId, useState } from 'react';
import { prefersLogAxis } from '@/lib/format/box-plot-axis';
import { formatInteger, formatMoney, formatMoneyCompact } from '@/lib/format/format-number';
import type { ClvBoxDto } from '@/lib/server/dashboard/clusters/get-clv-box-plots';

const WIDTH = 800;
const LABEL = 170;
const ROW = 34;
const AXIS = 30;

function niceStep(range: number, target = 6): number {
  const raw = range / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

function linearAxis(lo: number, hiRaw: number) {
  const step = niceStep(hiRaw - lo || 1);
  const hi = Math.ceil(hiRaw / step) * step || step;
  const ticks = Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
  return { ticks, at: (v: number) => (Math.min(Math.max(v, lo), hi) - lo) / (hi - lo) };
}

/** Powers of ten from below the smallest positive value to above the largest; values at or below the floor sit on it. */
function logAxis(minPositive: number, hiRaw: number) {
  const lo = 10 ** Math.floor(Math.log10(minPositive));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(hiRaw, lo * 10)));
  const ticks: number[] = [];
  for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t);
  const span = Math.log10(hi) - Math.log10(lo);
  return { ticks, at: (v: number) => (Math.log10(Math.min(Math.max(v, lo), hi)) - Math.log10(lo)) / span };
}

/**
 * Horizontal box plots (quartiles, Tukey whiskers, mean as a dot) on one CLV axis, drawn in SVG;
 * the axis opens on a log scale when the segments' upper whiskers are over 20 times apart, with a toggle.
 */
export function ClvBoxPlot({ boxes, axisLabel, currency }: { boxes: ClvBoxDto[]; axisLabel: string; currency: string | null }) {
  const [log, setLog] = useState(() => prefersLogAxis(boxes.map((b) => b.whiskerHigh)));
  const toggle = useId();
  const positives = boxes.flatMap((b) => [b.whiskerLow, b.q1, b.median, b.q3, b.whiskerHigh, b.mean]).filter((v) => v > 0);
  const canLog = positives.length > 0;
  const hiRaw = Math.max(...boxes.map((b) => Math.max(b.whiskerHigh, b.mean)));
  const axis = log && canLog ? logAxis(Math.min(...positives), hiRaw) : linearAxis(Math.min(0, ...boxes.map((b) => b.whiskerLow)), hiRaw);
  const x = (v: number) => LABEL + axis.at(v) * (WIDTH - LABEL - 20);
  const height = boxes.length * ROW + AXIS + 10;
  const money = (v: number) => formatMoney(v, currency);
  return (
    <div>
      <label htmlFor={toggle} className="mb-2 flex items-center gap-2 text-sm text-slate-700">
        <input id={toggle} type="checkbox" checked={log && canLog} disabled={!canLog} onChange={(e) => setLog(e.target.checked)} />
        Log scale (for segments whose values differ by orders of magnitude)
      </label>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="w-full max-w-4xl"
        role="img"
        aria-label={`${axisLabel} box plots per segment on a ${log && canLog ? 'log' : 'linear'} axis: ${boxes.map((b) => `${b.segment} median ${money(b.median)}`).join('; ')}`}
      >
        {axis.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={boxes.length * ROW} stroke="#e2e8f0" />
            <text x={x(t)} y={boxes.length * ROW + 16} fontSize={11} textAnchor="middle" fill="#64748b">
              {formatMoneyCompact(t, currency)}
            </text>
          </g>
        ))}
        <text x={(LABEL + WIDTH) / 2} y={height - 4} fontSize={11} textAnchor="middle" fill="#475569">
          {axisLabel}
          {log && canLog ? ', log scale' : ''}
        </text>
        {boxes.map((b, i) => {
          const mid = i * ROW + ROW / 2;
          return (
            <g key={b.segment}>
              <title>
                {`${b.segment}: ${formatInteger(b.customers)} customers; quartiles ${money(b.q1)}, ${money(b.median)}, ${money(b.q3)}; mean ${money(b.mean)}; whiskers ${money(b.whiskerLow)} to ${money(b.whiskerHigh)}; ${formatInteger(b.outliers)} outliers up to ${money(b.max)}`}
              </title>
              <text x={LABEL - 8} y={mid + 4} fontSize={12} textAnchor="end" fill="#0f172a">
                {b.segment}
              </text>
              <line x1={x(b.whiskerLow)} x2={x(b.whiskerHigh)} y1={mid} y2={mid} stroke="#475569" />
              <line x1={x(b.whiskerLow)} x2={x(b.whiskerLow)} y1={mid - 6} y2={mid + 6} stroke="#475569" />
              <line x1={x(b.whiskerHigh)} x2={x(b.whiskerHigh)} y1={mid - 6} y2={mid + 6} stroke="#475569" />
              <rect x={x(b.q1)} y={mid - 10} width={Math.max(1, x(b.q3) - x(b.q1))} height={20} fill="#c7d2fe" stroke="#4338ca" />
              <line x1={x(b.median)} x2={x(b.median)} y1={mid - 10} y2={mid + 10} stroke="#312e81" strokeWidth={2} />
              <circle cx={x(b.mean)} cy={mid} r={3} fill="#dc2626" />
            </g>
          );
        })}
      </svg>
    </div>
  );
}
