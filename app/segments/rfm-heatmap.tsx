import { formatInteger, formatMoney } from '@/lib/format/format-number';
import { moneyNote } from '@/lib/format/money-label';
import type { RunMoneyDto } from '@/lib/server/dashboard/get-run-money';
import type { RfmCellDto } from '@/lib/server/dashboard/segments/get-rfm-grid';

const LOW = [238, 242, 255]; // indigo-50
const HIGH = [49, 46, 129]; // indigo-900

/** Whether white text reads better than slate-900 on the shade at t (WCAG relative luminance). */
function darkShade(t: number): boolean {
  const linear = (i: number) => {
    const c = (LOW[i] + (HIGH[i] - LOW[i]) * t) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * linear(0) + 0.7152 * linear(1) + 0.0722 * linear(2);
  // Contrast with white (1.05 / (l + 0.05)) against slate-900 (luminance 0.0103).
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.0603;
}

function mix(t: number): string {
  const channel = (i: number) => Math.round(LOW[i] + (HIGH[i] - LOW[i]) * t);
  return `rgb(${channel(0)} ${channel(1)} ${channel(2)})`;
}

/** 5 x 5 grid of recency score (rows, 5 at the top) by frequency score, shaded by mean monetary value on a log scale. */
export function RfmHeatmap({ cells, money }: { cells: RfmCellDto[]; money: RunMoneyDto }) {
  const note = moneyNote(money, { currency: false });
  const inCurrency = (value: number | null) => formatMoney(value, money.currency);
  const values = cells.flatMap((c) => (c.averageMonetary !== null && c.averageMonetary > 0 ? [Math.log(c.averageMonetary)] : []));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const shade = (value: number | null) => (value === null || value <= 0 ? 0 : hi > lo ? (Math.log(value) - lo) / (hi - lo) : 1);
  const rows = [5, 4, 3, 2, 1];
  const columns = [1, 2, 3, 4, 5];
  const cell = (r: number, f: number) => cells.find((c) => c.rScore === r && c.fScore === f);
  return (
    <div>
      <table className="w-full max-w-xl table-fixed border-separate border-spacing-1 text-center text-sm">
        <caption className="mb-2 text-left text-sm text-slate-600">
          Customers per recency score (rows) and frequency score (columns); the shade is the cell’s average monetary value{note ? ` (${note})` : ''}.
        </caption>
        <thead>
          <tr>
            <th scope="col" className="w-20 text-xs font-normal text-slate-500">
              R \ F
            </th>
            {columns.map((f) => (
              <th key={f} scope="col" className="text-xs font-medium text-slate-600">
                F {f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row" className="text-xs font-medium text-slate-600">
                R {r}
              </th>
              {columns.map((f) => {
                const c = cell(r, f);
                const customers = c?.customers ?? 0;
                const average = c?.averageMonetary ?? null;
                const t = shade(average);
                const label = `Recency score ${r}, frequency score ${f}: ${formatInteger(customers)} customers${average !== null ? `, average monetary ${inCurrency(average)}` : ''}`;
                return (
                  <td
                    key={f}
                    title={label}
                    aria-label={label}
                    className={`h-16 rounded tabular-nums ${customers === 0 ? 'border border-dashed border-slate-200 text-slate-400' : darkShade(t) ? 'text-white' : 'text-slate-900'}`}
                    style={customers > 0 ? { backgroundColor: mix(t) } : undefined}
                  >
                    <span className="mx-auto block w-fit rounded bg-white px-1 font-semibold text-slate-900">{formatInteger(customers)}</span>
                    {average !== null ? <span className="mx-auto mt-0.5 block w-fit rounded bg-white px-1 text-xs text-slate-900">{inCurrency(average)}</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {values.length > 0 ? (
        <div className="mt-3 flex max-w-xl items-center gap-2 text-xs text-slate-600" aria-label="Legend: average monetary value">
          <span>Average monetary {inCurrency(Math.exp(lo))}</span>
          <span aria-hidden="true" className="h-3 flex-1 rounded" style={{ background: `linear-gradient(to right, ${mix(0)}, ${mix(0.5)}, ${mix(1)})` }} />
          <span>
            {inCurrency(Math.exp(hi))} ({note ? `${note}, ` : ''}log scale)
          </span>
        </div>
      ) : null}
    </div>
  );
}
