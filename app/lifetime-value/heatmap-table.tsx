import type { LifetimeValueHeatmapDto } from '@/lib/server/dashboard/lifetime-value/get-lifetime-value-heatmap';

// WCAG relative luminance of an sRGB colour (0..255 channels).
function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White to indigo; the text is white or near-black, whichever contrasts more with the cell. */
function shade(share: number): { backgroundColor: string; color: string } {
  const t = Math.max(0, Math.min(1, share));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  const rgb = [mix(248, 55), mix(250, 48), mix(252, 163)];
  const l = luminance(rgb);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance([15, 23, 42]) + 0.05);
  return { backgroundColor: `rgb(${rgb.join(', ')})`, color: onWhite >= onDark ? '#fff' : '#0f172a' };
}

/** One heatmap as an accessible table: frequency rows (most orders on top) by recency columns. */
export function HeatmapTable({
  heatmap,
  value,
  caption,
  format,
  max,
}: {
  heatmap: LifetimeValueHeatmapDto;
  value: 'pAlive' | 'expectedPurchases';
  caption: string;
  format: (v: number) => string;
  max: number;
}) {
  const cell = new Map(heatmap.cells.map((c) => [`${c.frequency}:${c.recency}`, c]));
  const rows = heatmap.frequencyBuckets.map((label, f) => ({ label, f })).reverse();
  return (
    <table className="w-full table-fixed border-separate border-spacing-px text-xs sm:border-spacing-0.5">
      <caption className="mb-2 text-left text-sm font-medium text-slate-700">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="w-11 text-left font-normal text-slate-500 sm:w-20">
            Orders \ days
          </th>
          {heatmap.recencyBuckets.map((label) => (
            <th key={label} scope="col" className="font-normal text-slate-500">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ label, f }) => (
          <tr key={label}>
            <th scope="row" className="text-left font-normal text-slate-500">
              {label}
            </th>
            {heatmap.recencyBuckets.map((r, ri) => {
              const c = cell.get(`${f}:${ri}`);
              const v = c?.[value] ?? null;
              return (
                <td
                  key={r}
                  className="h-10 rounded text-center tabular-nums"
                  style={v === null ? { backgroundColor: '#f1f5f9', color: '#475569' } : shade(max > 0 ? v / max : 0)}
                  title={c ? `${c.customers} customers` : 'no customers'}
                >
                  {/* Tighter below 640 px, so "100.0%" fits one of seven cells at 390 px. */}
                  <span className="text-[10px] tracking-tighter sm:text-xs sm:tracking-normal">{v === null ? '–' : format(v)}</span>
                  {c ? <span className="block text-[10px]">n={c.customers}</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
