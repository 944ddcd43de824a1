import type { PreviewResult } from '@/lib/engines/pipeline/preview-transactions';
import { LineCountsTable } from '@/components/ui/line-counts-table';
import { describeReading } from '@/lib/format/describe-reading';
import { formatInteger, formatMoney, isoCurrency } from '@/lib/format/format-number';
import { breakdownRefundTotals, describeNetRevenue, hasRefundsNotDeducted } from '@/lib/server/dashboard/refund-breakdown';

type ReadyPreview = Extract<PreviewResult, { status: 'ready' }>;

const KIND_WORDS: Record<ReadyPreview['lines'][number]['kind'], string> = {
  purchase: 'purchase',
  return: 'refund',
  adjustment: 'adjustment',
  notPaid: 'not paid',
};

const ANALYSED = ' (the revenue analysed)';

/** The preview of a readable file: its reading, its first lines as parsed values, and what cleaning will leave. */
export function UploadPreview({ preview }: { preview: ReadyPreview }) {
  // A symbol several currencies share ("$") names none: amounts stay plain until the currency is given.
  const currency = isoCurrency(preview.reading.currency);
  const gross = preview.valueBasis === 'gross';
  const number = (value: number | null) => (value === null ? '–' : formatMoney(value).replace(/\.00$/, ''));
  const money = (value: number | null) => (value === null ? '–' : formatMoney(value, currency));
  const refunds = breakdownRefundTotals(preview);
  // "2024-01-01" when no line of the file has a time of day, else "2024-01-01T09:30" (shown with a space).
  const when = (date: string) => (preview.datesHaveTime ? date.slice(0, 16) : date.slice(0, 10)).replace(' ', 'T');
  return (
    <div className="mt-4 grid gap-6 text-sm">
      <section aria-label="How the file was read">
        <h3 className="mb-2 font-medium">How the file was read</h3>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {describeReading(preview.reading, preview.valueBasis).map((r) => (
            <div key={r.label} className="contents">
              <dt className="text-slate-500">{r.label}</dt>
              <dd className="break-words">{r.value}</dd>
            </div>
          ))}
        </dl>
        {preview.warnings.length > 0 ? (
          <ul className="mt-2 list-inside list-disc text-amber-800">
            {preview.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <div className="max-h-96 overflow-auto rounded border border-slate-100">
        <table className="w-full text-left text-xs">
          <caption className="bg-slate-50 px-2 py-1 text-left font-medium text-slate-700">The first {preview.lines.length} lines as read</caption>
          <thead className="sticky top-0 bg-slate-50 text-slate-600">
            <tr>
              {['Line', 'Order', 'Customer', 'Date', 'Product', 'Quantity', 'Unit price', 'Amount', 'Kind', 'Country', 'Left out because'].map((h) => (
                <th key={h} scope="col" className="px-2 py-1 font-medium whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.lines.map((line) => (
              <tr key={line.row} className={`border-t border-slate-100 ${line.dropped ? 'text-slate-500' : ''}`}>
                <td className="px-2 py-1 tabular-nums">{line.row}</td>
                <td className="px-2 py-1 whitespace-nowrap">{line.order}</td>
                <td className="px-2 py-1 whitespace-nowrap">{line.customer ?? '–'}</td>
                <td className="px-2 py-1 whitespace-nowrap tabular-nums">{line.date ? <time dateTime={when(line.date)}>{when(line.date).replace('T', ' ')}</time> : 'unreadable'}</td>
                <td className="max-w-48 truncate px-2 py-1">{line.product}</td>
                <td className="px-2 py-1 text-right tabular-nums">{number(line.quantity)}</td>
                <td className="px-2 py-1 text-right tabular-nums whitespace-nowrap">{money(line.unitPrice)}</td>
                <td className="px-2 py-1 text-right tabular-nums whitespace-nowrap">{money(line.amount ?? line.orderTotal)}</td>
                <td className="px-2 py-1">{KIND_WORDS[line.kind]}</td>
                <td className="px-2 py-1 whitespace-nowrap">{line.country || '–'}</td>
                <td className="px-2 py-1">{line.dropped ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <LineCountsTable
          caption="Lines the analysis will use"
          heading="Lines"
          countHeading="Count"
          linesRead={preview.rowsRead}
          rows={[
            { key: 'read', label: 'Read', lines: preview.rowsRead },
            { key: 'kept', label: 'Kept', lines: preview.keptRows, strong: true },
            ...preview.dropped.map((d) => ({ key: d.reason, label: d.label, lines: d.lines })),
          ]}
        />
        <dl aria-label="Projected totals" className="grid grid-cols-[max-content_1fr] content-start gap-x-4 gap-y-1">
          <dt className="text-slate-500">Customers</dt>
          <dd className="tabular-nums">{formatInteger(preview.customers)}</dd>
          <dt className="text-slate-500">Purchase orders</dt>
          <dd className="tabular-nums">{formatInteger(preview.purchaseOrders)}</dd>
          <dt className="text-slate-500">Purchase occasions</dt>
          <dd className="tabular-nums">{formatInteger(preview.purchaseOccasions)} (customer-days)</dd>
          <dt className="text-slate-500">Gross revenue</dt>
          <dd className={`tabular-nums ${gross ? 'font-medium' : ''}`}>
            {money(preview.grossRevenue)}
            {gross ? ANALYSED : ''}
          </dd>
          <dt className="text-slate-500">Refunds</dt>
          <dd className="tabular-nums">
            {money(preview.refunds)}
            {gross ? ' (not deducted: revenue is counted gross)' : ''}
          </dd>
          {gross ? null : (
            <>
              <dt className="text-slate-500">Net revenue</dt>
              <dd className="font-medium tabular-nums">
                {money(preview.netRevenue)}
                {ANALYSED}
              </dd>
              {hasRefundsNotDeducted(refunds) ? (
                <>
                  <dt className="text-slate-500">Net revenue is</dt>
                  <dd>{describeNetRevenue(preview.grossRevenue, refunds, money)}</dd>
                </>
              ) : null}
            </>
          )}
          <dt className="text-slate-500">Period</dt>
          <dd>{preview.firstDate && preview.lastDate ? `${preview.firstDate} to ${preview.lastDate}` : '–'}</dd>
        </dl>
      </div>
    </div>
  );
}
