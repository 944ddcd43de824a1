import { LineCountsTable } from '@/components/ui/line-counts-table';
import type { ValueBasis } from '@/lib/engines/ingest/types';
import { formatInteger, formatMoney, formatPercent } from '@/lib/format/format-number';
import { moneyLabel } from '@/lib/format/money-label';
import type { DataQualityDto } from '@/lib/server/dashboard/get-dataset-reports';
import { describeNetRevenue, hasRefundsNotDeducted } from '@/lib/server/dashboard/refund-breakdown';

const runs = (ids: number[]) => `${ids.length === 1 ? 'run' : 'runs'} ${ids.map((id) => `#${id}`).join(', ')}`;

/** Which runs analysed the figure of this basis: all of them ("the revenue analysed"), some (named), or none (null). */
function analysedTag(quality: DataQualityDto, basis: ValueBasis): string | null {
  const mine = quality.analysedIn[basis];
  const other = quality.analysedIn[basis === 'net' ? 'gross' : 'net'];
  if (mine.length === 0 && other.length === 0) return quality.valueBasis === basis ? 'the revenue analysed' : null;
  if (mine.length === 0) return null;
  return other.length === 0 ? 'the revenue analysed' : `the revenue analysed in ${runs(mine)}`;
}

/** "1,800.18 AUD (stated on orders: 1,800.18 AUD; refund lines: none)": where the refunds come from. */
function refundSources(quality: DataQualityDto, money: (value: number | null) => string): string {
  const { lines, customers, value } = quality.returns;
  const onLines = lines > 0 ? `${money(value)} on ${formatInteger(lines)} ${lines === 1 ? 'line' : 'lines'} from ${formatInteger(customers)} ${customers === 1 ? 'customer' : 'customers'}` : 'none';
  const onOrders = quality.refundsOnOrders !== null && quality.refundsOnOrders >= 0.005 ? `stated on orders: ${money(quality.refundsOnOrders)}; ` : '';
  return `${onOrders}refund lines: ${onLines}`;
}

/**
 * "9 lines, 177.00: they name no purchase in the file (often refunds of earlier purchases); 118.00 of
 * them are by customers with no purchase in the file": how unmatched refund lines relate to the breakdown.
 */
function unmatchedWords(quality: DataQualityDto, money: (value: number | null) => string): string {
  const lines = quality.returns.unmatchedLines ?? 0;
  const withoutPurchase = quality.refundBreakdown?.withoutPurchase ?? null;
  const head = `${formatInteger(lines)} ${lines === 1 ? 'line' : 'lines'}, ${money(quality.returns.unmatchedValue)}: they match no purchase in the file (often refunds of earlier purchases) and count among their customer’s refunds like any other`;
  return withoutPurchase !== null && withoutPurchase >= 0.005 ? `${head}; ${money(withoutPurchase)} of them are by customers with no purchase in the file` : head;
}

/** A dataset's cleaning report: every line read is either kept or counted under one reason. */
export function DataQualityReport({ quality, datasetName }: { quality: DataQualityDto; datasetName: string }) {
  const share = (lines: number) => (quality.linesRead > 0 ? lines / quality.linesRead : null);
  const money = (value: number | null) => formatMoney(value, quality.currency);
  const basis = { currency: null, valueBasis: quality.valueBasis };
  const onlyGross = quality.analysedIn.gross.length > 0 && quality.analysedIn.net.length === 0;
  const grossTag = analysedTag(quality, 'gross');
  // Without a successful run, the countries' revenue is the upload's order values (net of the refunds matched to them).
  const ordersNet = quality.countriesRun === null && quality.countriesBasis === 'net';
  const netTag = analysedTag(quality, 'net');
  return (
    <div className="grid gap-6 text-sm lg:grid-cols-2">
      <div>
        <dl className="mb-4 grid grid-cols-2 gap-x-4 gap-y-1">
          <dt className="text-slate-500">Lines read</dt>
          <dd className="tabular-nums">{formatInteger(quality.linesRead)}</dd>
          <dt className="text-slate-500">Lines kept</dt>
          <dd className="tabular-nums">
            {formatInteger(quality.kept)} ({formatPercent(share(quality.kept))})
          </dd>
          <dt className="text-slate-500">Customers</dt>
          <dd className="tabular-nums">
            {formatInteger(quality.customersAfter)} of {formatInteger(quality.customersBefore)} before cleaning
          </dd>
          <dt className="text-slate-500">Purchase orders</dt>
          <dd className="tabular-nums">
            {formatInteger(quality.purchaseOrders ?? quality.invoices)}
            {quality.zeroValueOrders ? `, ${formatInteger(quality.zeroValueOrders)} of them of zero value` : ''}
          </dd>
          {quality.purchaseOccasions !== null ? (
            <>
              <dt className="text-slate-500">Purchase occasions</dt>
              <dd className="tabular-nums">{formatInteger(quality.purchaseOccasions)} (distinct customer-days)</dd>
            </>
          ) : null}
          {quality.grossRevenue !== null ? (
            <>
              <dt className="text-slate-500">Gross revenue</dt>
              <dd className="tabular-nums">
                {money(quality.grossRevenue)}
                {grossTag ? ` (${grossTag})` : ''}
              </dd>
              <dt className="text-slate-500">Refunds</dt>
              <dd className="tabular-nums">
                {money(quality.refunds)} ({refundSources(quality, money)}){onlyGross ? '; not deducted: revenue is counted gross' : ''}
              </dd>
              <dt className="text-slate-500">Net revenue</dt>
              <dd className="tabular-nums">
                {money(quality.netRevenue)} ({netTag ? `${netTag}; ` : ''}each customer’s gross less refunds, never below zero)
              </dd>
              {quality.refundBreakdown && hasRefundsNotDeducted(quality.refundBreakdown) ? (
                <>
                  <dt className="text-slate-500">Net revenue is</dt>
                  <dd>{describeNetRevenue(quality.grossRevenue, quality.refundBreakdown, money)}</dd>
                </>
              ) : null}
            </>
          ) : (
            <>
              <dt className="text-slate-500">{moneyLabel('Revenue', basis)}</dt>
              <dd className="font-medium tabular-nums">{money(quality.revenue)}</dd>
            </>
          )}
          <dt className="text-slate-500">Period</dt>
          <dd>{quality.firstDate && quality.lastDate ? `${quality.firstDate.slice(0, 10)} to ${quality.lastDate.slice(0, 10)}` : '–'}</dd>
          <dt className="text-slate-500">Exact duplicate lines</dt>
          <dd className="tabular-nums">
            {formatInteger(quality.duplicateLines)} ({quality.duplicatesDropped ? 'dropped' : 'kept'})
          </dd>
          <dt className="text-slate-500">Countries normalised</dt>
          <dd className="tabular-nums">{formatInteger(quality.countriesNormalised)} lines</dd>
          {quality.grossRevenue === null ? (
            <>
              <dt className="text-slate-500">Refund lines</dt>
              <dd className="tabular-nums">
                {formatInteger(quality.returns.lines)} lines from {formatInteger(quality.returns.customers)} customers, {money(quality.returns.value)}
              </dd>
            </>
          ) : null}
          {quality.returns.unmatchedLines ? (
            <>
              <dt className="text-slate-500">Unmatched refund lines</dt>
              <dd className="tabular-nums">{unmatchedWords(quality, money)}</dd>
            </>
          ) : null}
          {quality.reading.map((r, i) => (
            <div key={`${r.label}-${i}`} className="contents">
              <dt className="text-slate-500">{r.label}</dt>
              <dd className="break-words">{r.value}</dd>
            </div>
          ))}
        </dl>
        <LineCountsTable
          caption="Lines not counted as purchases, by the first rule they break"
          heading="Reason"
          linesRead={quality.linesRead}
          rows={quality.dropped.map((d) => ({ key: d.reason, label: d.label, lines: d.lines }))}
        />
      </div>
      <div>
        {quality.topCountries.length === 0 ? (
          <p className="text-slate-600">No lines were kept, so there are no countries to show.</p>
        ) : (
          <table className="w-full text-left">
            <caption className="mb-1 text-left text-xs font-medium uppercase tracking-wide text-slate-500">Top countries of {datasetName} by revenue</caption>
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1">Country</th>
                <th scope="col" className="text-right">
                  Lines in the file
                  <span className="block font-normal normal-case">by each line’s country</span>
                </th>
                <th scope="col" className="text-right">
                  Customers
                  <span className="block font-normal normal-case">{quality.countriesRun !== null ? 'by primary country' : 'with a line there'}</span>
                </th>
                <th scope="col" className="text-right">
                  {ordersNet ? 'Order values, less matched refunds' : moneyLabel('Revenue', { currency: null, valueBasis: quality.countriesBasis })}
                </th>
              </tr>
            </thead>
            <tbody>
              {quality.topCountries.map((c) => (
                <tr key={c.country} className="border-t border-slate-100">
                  <td className="py-0.5">{c.country}</td>
                  <td className="text-right tabular-nums">{formatInteger(c.lines)}</td>
                  <td className="text-right tabular-nums">{formatInteger(c.customers)}</td>
                  <td className="text-right tabular-nums">{money(c.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {quality.topCountries.length > 0 && quality.countriesRun !== null ? (
          <div className="mt-2 space-y-1 text-xs text-slate-600">
            <p>
              <strong className="font-medium">Lines in the file</strong> count the kept lines by the country written on each line.{' '}
              <strong className="font-medium">Customers and revenue</strong> are as on the dashboard of run #{quality.countriesRun} and its country filter: each
              customer once, in their primary country (the one with most of their purchases), so the countries add up to the revenue analysed.
            </p>
            <p>
              Why a country’s figures here can differ from what its lines suggest: a customer who bought from two countries has lines in both but is counted, with all
              their spend, in their primary country only; and revenue is after each customer’s refunds, which lines before cleaning do not show.
            </p>
          </div>
        ) : null}
        {quality.topCountries.length > 0 && ordersNet ? (
          <p className="mt-2 text-xs text-slate-500">
            No analysis has succeeded yet, so these are each country’s orders less the refunds matched to them: a customer’s other refunds and the floor at zero apply
            per customer, so the countries can add up to more than net revenue.
          </p>
        ) : null}
      </div>
    </div>
  );
}
