import { formatInteger, formatMoney } from '@/lib/format/format-number';
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

/** Horizontal box plots (quartiles, Tukey whiskers, mean as a dot) on one linear CLV axis, drawn in SVG. */
export function ClvBoxPlot({ boxes, axisLabel }: { boxes: ClvBoxDto[]; axisLabel: string }) {
  const lo = Math.min(0, ...boxes.map((b) => b.whiskerLow));
  const hiRaw = Math.max(...boxes.map((b) => Math.max(b.whiskerHigh, b.mean)));
  const step = niceStep(hiRaw - lo || 1);
  const hi = Math.ceil(hiRaw / step) * step || step;
  const ticks = Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
  const x = (v: number) => LABEL + ((Math.min(v, hi) - lo) / (hi - lo)) * (WIDTH - LABEL - 20);
  const height = boxes.length * ROW + AXIS + 10;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="w-full max-w-4xl"
      role="img"
      aria-label={`${axisLabel} box plots per segment: ${boxes.map((b) => `${b.segment} median ${formatMoney(b.median)}`).join('; ')}`}
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={boxes.length * ROW} stroke="#e2e8f0" />
          <text x={x(t)} y={boxes.length * ROW + 16} fontSize={11} textAnchor="middle" fill="#64748b">
            {t.toLocaleString('en-US')}
          </text>
        </g>
      ))}
      <text x={(LABEL + WIDTH) / 2} y={height - 4} fontSize={11} textAnchor="middle" fill="#475569">
        {axisLabel}
      </text>
      {boxes.map((b, i) => {
        const mid = i * ROW + ROW / 2;
        return (
          <g key={b.segment}>
            <title>
              {`${b.segment}: ${formatInteger(b.customers)} customers; quartiles ${formatMoney(b.q1)}, ${formatMoney(b.median)}, ${formatMoney(b.q3)}; mean ${formatMoney(b.mean)}; whiskers ${formatMoney(b.whiskerLow)} to ${formatMoney(b.whiskerHigh)}; ${formatInteger(b.outliers)} outliers up to ${formatMoney(b.max)}`}
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
  );
}
