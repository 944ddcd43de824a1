import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { SectionSkeleton } from '@/components/ui/section';
import { CustomerTransactionsSection } from './customer-transactions-section';
import { notFound } from 'next/navigation';
import { KpiCard } from '@/components/ui/kpi-card';
import type { Metadata } from 'next';
import { formatInteger, formatMoney, formatPAlive, formatPercent } from '@/lib/format/format-number';
import { CHURN_BASIS_MEANING } from '@/lib/server/dashboard/customers/describe-churn-status';
import { moneyLabel } from '@/lib/format/money-label';
import { describeOrdersAndOccasions } from '@/lib/format/glossary';
import { customerIdSchema } from '@/lib/schemas/customer-id-schema';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { CLV_INTERVAL_MEANING, clvIntervalLabel } from '@/lib/server/dashboard/lifetime-value/clv-interval-meaning';
import { getCustomerDetail, type CustomerDetailDto } from '@/lib/server/dashboard/customers/get-customer-detail';
import { resolveViewedRun } from '@/lib/server/dashboard/resolve-run';
import { customerTableHref, parseCustomerTableParams } from '@/lib/server/dashboard/customers/customer-table-params';
import { requirePageRole } from '@/lib/server/auth/current-user';
import { markResponseCacheable } from '@/lib/server/response-cache/mark-cacheable';

export const dynamic = 'force-dynamic';

function CustomerDetail({ c, transactions }: { c: CustomerDetailDto; transactions: ReactNode }) {
  const label = (text: string) => moneyLabel(text, c.money, { currency: false });
  return (
    <div className="space-y-6">
      <section aria-labelledby="why" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="why" className="mb-2 text-lg font-semibold">
          {c.segment}{' '}
          <span className="text-sm font-normal text-slate-500">
            RFM {c.rfmCode} ·{' '}
            <span title={c.churnBasis === 'rules' ? CHURN_BASIS_MEANING.rules : CHURN_BASIS_MEANING.pAlive}>{c.churnStatusLabel}</span>
          </span>
        </h2>
        {c.combinedSegment ? <p className="mb-2 text-sm text-slate-600">Combined segment: {c.combinedSegment}</p> : null}
        <p className="text-slate-800">{c.explanation}</p>
        {c.churnFigures ? (
          <p className="mt-2 text-sm text-slate-600" data-testid="churn-figures">
            {c.churnStatus} by days silent. {c.churnFigures}
          </p>
        ) : null}
        {c.action ? <p className="mt-2 text-sm text-slate-600">Suggested action: {c.action}</p> : null}
      </section>

      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        <KpiCard
          label={label('Predicted CLV')}
          value={formatMoney(c.clv, c.money.currency)}
          testId="kpi-predicted-clv"
          hintTitle={c.clvLower !== null && c.clvUpper !== null ? CLV_INTERVAL_MEANING : undefined}
          hint={[
            c.clvLower !== null && c.clvUpper !== null
              ? `${clvIntervalLabel(c.intervalLevel)}: ${formatMoney(c.clvLower, c.money.currency)} – ${formatMoney(c.clvUpper, c.money.currency)}${c.horizonMonths ? `, next ${c.horizonMonths} months` : ''}.`
              : c.horizonMonths
                ? `Next ${c.horizonMonths} months.`
                : '',
            c.clv !== null && c.clvCaveat ? `Caveat: ${c.clvCaveat}` : '',
          ]
            .filter(Boolean)
            .join(' ') || undefined}
        />
        <KpiCard
          label="P(alive)"
          value={c.pAlive === null ? '—' : formatPAlive(c.pAlive)}
          hint={c.pAlive === null ? (c.pAliveReason ?? undefined) : 'chance the customer still buys'}
        />
        <KpiCard label="Expected purchases" value={c.expectedPurchases === null ? '–' : c.expectedPurchases.toFixed(2)} hint={`purchase occasions (days with an order)${c.horizonMonths ? `, next ${c.horizonMonths} months` : ''}`} />
        <KpiCard label={label('Expected order value')} value={formatMoney(c.expectedSpend, c.money.currency)} testId="kpi-expected-order-value" />
        <KpiCard
          label={label('Revenue')}
          value={formatMoney(c.monetary, c.money.currency)}
          testId="kpi-revenue"
          hint={`${describeOrdersAndOccasions(c.frequency, c.occasions)}, average order ${formatMoney(c.averageOrderValue, c.money.currency)}`}
        />
        <KpiCard label="Recency" value={`${formatInteger(c.recency)} day${c.recency === 1 ? '' : 's'}`} hint={`last purchase ${c.lastPurchase}`} />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="profile" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="profile" className="mb-2 text-lg font-semibold">
            Profile
          </h2>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Country</dt>
            <dd>
              {c.country}
              {c.homeMarket ? ' (home market)' : ''}
            </dd>
            <dt className="text-slate-500">Scores R / F / M</dt>
            <dd className="tabular-nums">
              {c.rScore} / {c.fScore} / {c.mScore}
            </dd>
            <dt className="text-slate-500">First / last purchase</dt>
            <dd className="tabular-nums">
              {c.firstPurchase} / {c.lastPurchase}
            </dd>
            <dt className="text-slate-500">Customer for</dt>
            <dd>{formatInteger(c.tenure)} days</dd>
            <dt className="text-slate-500">Distinct products</dt>
            <dd>{formatInteger(c.distinctProducts)}</dd>
            <dt className="text-slate-500">Return rate</dt>
            <dd>{formatPercent(c.returnRate)}</dd>
            <dt className="text-slate-500">Product mix</dt>
            <dd>{c.productMix.filter((m) => m.share > 0).map((m) => `${m.category} ${formatPercent(m.share)}`).join(', ') || '–'}</dd>
          </dl>
        </section>
        <section aria-labelledby="clusters" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="clusters" className="mb-2 text-lg font-semibold">
            Clusters
          </h2>
          <table className="w-full text-sm">
            <caption className="sr-only">Cluster of the customer by clustering method</caption>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col">Method</th>
                <th scope="col">Cluster</th>
              </tr>
            </thead>
            <tbody>
              {c.clusters.map((k) => (
                <tr key={k.method} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {k.label}
                  </th>
                  <td>{k.cluster === null ? 'not clustered in this run' : `${k.cluster}${k.name ? `: ${k.name}` : ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      {transactions}
    </div>
  );
}

/** "Customer 12347 · Segmenta", or "Customer not found · Segmenta" when the page answers 404. */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }): Promise<Metadata> {
  const id = customerIdSchema.safeParse((await params).id);
  const run = id.success ? await resolveViewedRun(parseDashboardFilters(await searchParams)) : null;
  const found = run !== null && id.success && (await getCustomerDetail(run.runId, id.data)) !== null;
  return { title: found ? `Customer ${id.data}` : 'Customer not found' };
}

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole('viewer');
  const id = customerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const customerId = id.data;
  const query = await searchParams;
  const filters = parseDashboardFilters(query);
  const table = parseCustomerTableParams(query);
  const run = await resolveViewedRun(filters);
  if (!run) notFound();
  // Looked up before anything streams, so an unknown id answers with a real 404 status.
  const detail = await getCustomerDetail(run.runId, customerId);
  if (!detail) notFound();
  // A finished run's customer: the same until the next data change (lib/server/response-cache).
  await markResponseCacheable();
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={customerTableHref({ ...filters, run: run.runId }, table)} className="text-indigo-700 underline">
          ← All customers
        </Link>
      </nav>
      <h1 className="mb-1 text-2xl font-semibold">Customer {customerId}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {run.datasetName} · run #{run.runId}
      </p>
      {run.fellBack ? <p className="mb-4 text-sm text-amber-700">Run #{filters.run} has no results; showing the latest successful run.</p> : null}
      <CustomerDetail
        c={detail}
        transactions={
          <Suspense fallback={<SectionSkeleton title="Transactions" />}>
            <CustomerTransactionsSection runId={run.runId} customerId={customerId} />
          </Suspense>
        }
      />
    </div>
  );
}
