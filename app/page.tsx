import { Suspense } from 'react';
import { ClvCaveatNote } from '@/components/ui/clv-caveat-note';
import { KpiCard, KpiCardSkeleton } from '@/components/ui/kpi-card';
import { PAliveNote } from '@/components/ui/p-alive-note';
import { formatCount, formatInteger, formatMoney, formatPercent } from '@/lib/format/format-number';
import { pageTitle } from '@/lib/format/page-title';
import { dashboardMetadata } from '@/lib/server/dashboard/dashboard-metadata';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { writeInsights } from '@/lib/insights/write-insights';
import { getConcentration, getOverviewKpis, getRevenueByCountry, getSegmentShares } from '@/lib/server/dashboard/get-overview';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { getLifetimeValueNotes } from '@/lib/server/dashboard/lifetime-value/get-lifetime-value-notes';
import { describeNetRevenue } from '@/lib/server/dashboard/refund-breakdown';
import { HorizontalBars } from './overview-charts';
import { DashboardPage } from '@/components/dashboard-page';
import { requirePageRole } from '@/lib/server/auth/current-user';

export const dynamic = 'force-dynamic';

async function OverviewKpis({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [kpis, money, notes] = await Promise.all([getOverviewKpis(runId, filters), getRunMoney(runId), getLifetimeValueNotes(runId)]);
  if (kpis.customers === 0) return <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">No customers match these filters.</p>;
  const inCurrency = (value: number | null) => formatMoney(value, money.currency);
  const revenue =
    money.valueBasis === 'net'
      ? { label: 'Revenue (net of refunds)', hint: describeNetRevenue(kpis.grossRevenue, kpis.refunds, inCurrency) }
      : money.valueBasis === 'gross'
        ? { label: 'Revenue (gross)', hint: `refunds of ${inCurrency(kpis.refunds.total)} not deducted` }
        : { label: 'Revenue', hint: undefined };
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 2xl:grid-cols-6">
      <KpiCard label="Customers" value={formatInteger(kpis.customers)} />
      <KpiCard label={revenue.label} value={inCurrency(kpis.revenue)} hint={revenue.hint} testId="kpi-revenue" />
      <KpiCard
        label={notes.horizonMonths === null ? 'Average CLV' : `Average ${notes.horizonMonths}-month CLV`}
        term="CLV"
        value={inCurrency(kpis.averageClv)}
        hint={notes.ran ? undefined : 'lifetime value not computed for this run'}
        testId="kpi-average-clv"
      >
        <ClvCaveatNote caveat={notes.caveat} compact className="mt-2" />
      </KpiCard>
      <KpiCard
        label="Average order value"
        value={inCurrency(kpis.averageOrderValue)}
        hint={`revenue over ${formatCount(kpis.purchaseOrders, 'purchase order')}`}
      />
      <KpiCard label="Repeat customers" value={formatPercent(kpis.repeatCustomerRate)} hint="bought more than once" />
      {/* Not the RFM segment "At Risk": the churn status, whose rule the hint names. */}
      <KpiCard label="Lapsing" value={formatPercent(kpis.atRiskShare)} hint={kpis.atRiskRule} testId="kpi-at-risk">
        {/* The rule quotes P(alive) thresholds: say where P(alive) is not shown and the days-silent rule decides. */}
        {notes.churnBasis && notes.churnBasis.pAlive > 0 ? <PAliveNote note={notes.pAliveNote} compact className="mt-1" /> : null}
      </KpiCard>
    </div>
  );
}

async function Breakdowns({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [segments, countries, concentration, notes, money] = await Promise.all([
    getSegmentShares(runId, filters),
    getRevenueByCountry(runId, filters),
    getConcentration(runId, filters),
    getLifetimeValueNotes(runId),
    getRunMoney(runId),
  ]);
  if (segments.length === 0) return null;
  const insights = writeInsights({ segments, ...concentration, horizonMonths: notes.horizonMonths, clvCaveat: notes.caveat, currency: money.currency });
  return (
    <>
      <section aria-label="Insights" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-medium">Insights</h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {insights.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </section>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <section aria-label="Customers by segment" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-medium">Customers by segment</h2>
          <HorizontalBars title="Customers by segment" labelHeading="Segment" data={segments.map((s) => ({ label: s.segment, value: s.customers })).sort((a, b) => b.value - a.value)} valueLabel="Customers" />
        </section>
        <section aria-label="Revenue by segment" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-medium">Revenue by segment</h2>
          <HorizontalBars title="Revenue by segment" labelHeading="Segment" data={segments.map((s) => ({ label: s.segment, value: s.revenue }))} valueLabel="Revenue" currency={money.currency} />
        </section>
        <section aria-label="Revenue by country" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-medium">Revenue by country (top 10)</h2>
          <HorizontalBars title="Revenue by country (top 10)" labelHeading="Country" data={countries.map((c) => ({ label: c.country, value: c.revenue }))} valueLabel="Revenue" currency={money.currency} />
        </section>
      </div>
    </>
  );
}

function KpiSkeletons() {
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 2xl:grid-cols-6">
      {Array.from({ length: 6 }, (_, i) => (
        <KpiCardSkeleton key={i} />
      ))}
    </div>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The browser title of the overview in its filtered state; absolute, as the layout's title template skips its own segment. */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  const filters = parseDashboardFilters(await searchParams);
  return dashboardMetadata(filters, { absolute: `${pageTitle('Overview', filters)} · Segmenta` });
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('viewer');
  const filters = parseDashboardFilters(await searchParams);
  const key = JSON.stringify(filters);
  return (
    <DashboardPage title="Overview" filters={filters}>
      {(run, filters) => (
        <>
          <Suspense key={key} fallback={<KpiSkeletons />}>
            <OverviewKpis runId={run.runId} filters={filters} />
          </Suspense>
          <Suspense key={`${key}-breakdowns`} fallback={<div className="mt-6 h-80 animate-pulse rounded-lg border border-slate-200 bg-white" />}>
            <Breakdowns runId={run.runId} filters={filters} />
          </Suspense>
        </>
      )}
    </DashboardPage>
  );
}
