import { Suspense } from 'react';
import { KpiCard, KpiCardSkeleton } from '@/components/ui/kpi-card';
import { formatInteger, formatMoney, formatPercent } from '@/lib/format/format-number';
import { getLatestSucceededRunId, getOverviewKpis, listActiveRuns } from '@/lib/server/dashboard/get-overview';

export const dynamic = 'force-dynamic';

async function OverviewKpis() {
  const runId = await getLatestSucceededRunId();
  const kpis = runId === null ? null : await getOverviewKpis(runId);
  if (!kpis) {
    const active = await listActiveRuns();
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
        {active.length > 0
          ? `The first analysis is running (${Math.round(active[0].progress * 100)} %: ${active[0].message ?? 'starting'}). Reload in a moment.`
          : 'No analysis yet. Upload a transaction log on the Data page.'}
      </p>
    );
  }
  return (
    <>
      <p className="mb-4 text-sm text-slate-500">
        {kpis.datasetName}, run #{kpis.runId}
      </p>
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        <KpiCard label="Customers" value={formatInteger(kpis.customers)} />
        <KpiCard label="Revenue" value={formatMoney(kpis.revenue)} />
        <KpiCard label="Average 6-month CLV" value={formatMoney(kpis.averageClv)} />
        <KpiCard label="Average order value" value={formatMoney(kpis.averageOrderValue)} />
        <KpiCard label="Repeat customers" value={formatPercent(kpis.repeatCustomerRate)} hint="bought more than once" />
        <KpiCard label="At risk" value={formatPercent(kpis.atRiskShare)} hint="customers past their usual gap" />
      </div>
    </>
  );
}

export default function OverviewPage() {
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">Overview</h1>
      <Suspense
        fallback={
          <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
            {Array.from({ length: 6 }, (_, i) => (
              <KpiCardSkeleton key={i} />
            ))}
          </div>
        }
      >
        <OverviewKpis />
      </Suspense>
    </div>
  );
}
