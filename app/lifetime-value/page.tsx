import { pageTitle } from '@/lib/format/page-title';
import { dashboardMetadata } from '@/lib/server/dashboard/dashboard-metadata';
import Link from 'next/link';
import { Suspense } from 'react';
import { KpiCard, KpiCardSkeleton } from '@/components/ui/kpi-card';
import { EmptyState, Section, Skeleton } from '@/components/ui/section';
import { ScrollTable } from '@/components/ui/scroll-table';
import { formatInteger, formatMoney, formatPAlive, formatParameter, formatPercent } from '@/lib/format/format-number';
import { moneyEdgeLabels } from '@/lib/format/money-edge-labels';
import { moneyLabel } from '@/lib/format/money-label';
import { MoneyHeading } from '@/components/ui/money-heading';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { getClvDistribution } from '@/lib/server/dashboard/lifetime-value/get-clv-distribution';
import { getLifetimeValueHeatmap } from '@/lib/server/dashboard/lifetime-value/get-lifetime-value-heatmap';
import { PARAMETER_MEANING } from '@/lib/server/dashboard/lifetime-value/fitted-model-dto';
import { getLifetimeValueModel, type FittedModelDto } from '@/lib/server/dashboard/lifetime-value/get-lifetime-value-model';
import { CLV_INTERVAL_MEANING } from '@/lib/server/dashboard/lifetime-value/clv-interval-meaning';
import { getLifetimeValueNotes } from '@/lib/server/dashboard/lifetime-value/get-lifetime-value-notes';
import { listTopClvCustomers } from '@/lib/server/dashboard/lifetime-value/list-top-clv-customers';
import { customerHref } from '@/lib/server/dashboard/customers/customer-table-params';
import { PAliveValue } from '@/components/ui/p-alive-value';
import { ClvCaveatNote } from '@/components/ui/clv-caveat-note';
import { CHURNED_COUNTED_AS_LOST } from '@/lib/engines/pipeline/count-churned-as-lost';
import { PAliveNote } from '@/components/ui/p-alive-note';
import { ClvHistogramChart } from './clv-histogram-chart';
import { HeatmapTable } from './heatmap-table';
import { HoldoutChart } from './holdout-chart';
import { formatLogLikelihood, ModelComparisonSection, TERMS } from './model-comparison-section';
import { ParameterInterval } from './parameter-interval';
import { ValueModelComparisonSection } from './value-model-comparison-section';
import { DashboardPage } from '@/components/dashboard-page';
import { Term } from '@/components/ui/term';
import type { GlossaryTerm } from '@/lib/format/glossary';
import { requirePageRole } from '@/lib/server/auth/current-user';
import { DROPOUT_NOT_IDENTIFIED } from '@/lib/engines/btyd/fit-repeat-purchase-model';

export const dynamic = 'force-dynamic';

const fmt = formatParameter;
const GLOSSARY_PARAMETERS = { r: 1, alpha: 1, a: 1, b: 1, s: 1, beta: 1, p: 1, q: 1, gamma: 1 } as const;
const two = (v: number | null) => (v === null ? '–' : v.toFixed(2));

function ParameterTable({ fit, caption }: { fit: FittedModelDto; caption: string }) {
  return (
    <ScrollTable label={`${caption}, scrolls sideways`} hintBelow="lg">
      <table className="w-full text-sm">
        <caption className="mb-1 text-left font-medium text-slate-700">{caption}</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1">Parameter</th>
            <th scope="col" className="py-1 pl-3 text-right">Estimate</th>
            <th scope="col" className="py-1 pl-3 text-right">
              <Term term="±1.96 SE">± 1.96 SE</Term>
            </th>
            <th scope="col" className="py-1 pl-3 text-right" title={TERMS.interval}>
              95 % interval
            </th>
            <th scope="col" className="hidden py-1 pl-3 md:table-cell">Meaning</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {fit.parameters.map((p) => (
            <tr key={p.name} className="border-t border-slate-100">
              <th scope="row" className="py-1 text-left font-normal">
                {p.name in GLOSSARY_PARAMETERS ? <Term term={p.name as GlossaryTerm}><span className="font-mono">{p.name}</span></Term> : <span className="font-mono">{p.name}</span>}
                {p.notIdentified ? (
                  <span className="ml-1 text-xs text-amber-800" title={TERMS.notIdentified}>
                    not identified
                  </span>
                ) : null}
              </th>
              <td className="whitespace-nowrap py-1 pl-3 text-right">{fmt(p.estimate)}</td>
              <td className="whitespace-nowrap py-1 pl-3 text-right">{p.standardError === null ? 'n/a' : `± ${fmt(1.96 * p.standardError)}`}</td>
              <td className="py-1 pl-3 text-right">
                <ParameterInterval parameter={p} />
              </td>
              <td className="hidden py-1 pl-3 text-slate-600 md:table-cell">{PARAMETER_MEANING[p.name]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

async function ModelSection({ runId }: { runId: number }) {
  const [{ lifetimeValue: ltv }, money] = await Promise.all([getLifetimeValueModel(runId), getRunMoney(runId)]);
  if (ltv.status === 'skipped') return <EmptyState>The lifetime-value stage was skipped: {ltv.reason}</EmptyState>;
  const unit = ltv.unit === 'weeks' ? 'week' : 'day';
  const cut = [...ltv.purchase.parameters, ...(ltv.spend.status === 'fitted' ? ltv.spend.parameters : [])].some((p) => p.lowerCut);
  const { purchase } = ltv;
  const dropout = !purchase.dropoutIdentified
    ? `this data cannot tell when customers stop buying (the dropout parameters are not identified), so expected purchases and CLV assume each customer keeps buying at their own average rate${ltv.caveat?.includes(CHURNED_COUNTED_AS_LOST) ? `, ${CHURNED_COUNTED_AS_LOST}` : ''}`
    : purchase.meanDropout !== null
      ? `a typical customer has a ${formatPercent(purchase.meanDropout)} chance of dropping out after each purchase`
      : purchase.meanDropoutRate !== null
        ? `a typical customer stops buying at an average rate of ${two(purchase.meanDropoutRate)} a ${unit}`
        : 'the dropout rate could not be estimated';
  return (
    <div className="space-y-4">
      <p className="text-base text-slate-800" data-testid="chosen-model">
        Chosen model: <strong>{ltv.modelLabel}</strong>
        {ltv.choice ? <span className="text-sm text-slate-600"> ({ltv.choice.by === 'holdout' ? 'chosen on the holdout error' : ltv.choice.by === 'user' ? 'set in the options' : 'default'})</span> : null}
      </p>
      <p className="text-sm text-slate-700">
        Purchases follow the {ltv.modelLabel} model fitted on {formatInteger(purchase.customers)} customers
        {ltv.fitEnd ? ` with purchases up to ${ltv.fitEnd}` : ''} with time measured in <strong>{ltv.unit}</strong> (
        <Term term="log-likelihood">log-likelihood</Term> {formatLogLikelihood(purchase.logLikelihood)}
        {purchase.converged ? '' : ', did not converge'}). A typical customer buys {purchase.meanRate === null ? '–' : two(purchase.meanRate)} times a {unit} while
        active; {dropout}. CLV covers the next{' '}
        {ltv.horizonMonths} months, discounted at {formatPercent(ltv.discountRate)} a month
        {ltv.intervalLevel !== null ? `, with a ${Math.round(ltv.intervalLevel * 100)} % interval per customer that covers the uncertainty of the models' parameters only, not the customer's own randomness` : ''}. The models are fitted on all customers of the run; filters do not change them.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <ParameterTable fit={purchase} caption={`${ltv.modelLabel} (purchases, per ${unit}): the chosen model`} />
        {ltv.spend.status === 'fitted' ? (
          <div className="min-w-0">
            <ParameterTable fit={ltv.spend} caption="Gamma-Gamma (spend per order)" />
            <p className="mt-2 text-xs text-slate-600">
              Fitted on {formatInteger(ltv.spend.customers)} repeat buyers, log-likelihood {formatLogLikelihood(ltv.spend.logLikelihood)}; the model&apos;s mean spend per
              repeat purchase (p·γ / (q − 1)) is {formatMoney(ltv.spend.populationMeanSpend, money.currency)}
              {money.valueBasis === 'net' ? ', net of refunds' : money.valueBasis === 'gross' ? ', gross' : ''} (a model parameter, not the overview&apos;s average order value).
            </p>
          </div>
        ) : (
          <EmptyState>The Gamma-Gamma spend model was skipped: {ltv.spend.reason} Each customer&apos;s own average order value is used instead.</EmptyState>
        )}
      </div>
      {cut ? <p className="text-xs text-slate-500">* Parameters are positive, so a lower bound below zero is shown as 0.</p> : null}
      {purchase.notIdentified.length > 0 ? <p className="text-xs text-amber-800">{TERMS.notIdentified}</p> : null}
      {[...new Set([...ltv.warnings, ...purchase.warnings])]
        // The paragraph above already says the data cannot tell when customers stop buying.
        .filter((w) => purchase.dropoutIdentified || w !== DROPOUT_NOT_IDENTIFIED)
        .map((w) => (
        <p key={w} className="text-sm text-amber-700">
          {w}
        </p>
      ))}
    </div>
  );
}

async function DistributionSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [d, money, notes] = await Promise.all([getClvDistribution(runId, filters), getRunMoney(runId), getLifetimeValueNotes(runId)]);
  if (d.customers === 0) return <EmptyState />;
  const label = (text: string) => moneyLabel(text, money, { currency: false });
  // Every bin edge exact and written alike (£1,250 / £1,500 / £1,750, not £1.3K / £1.5K / £1.8K).
  const edges = moneyEdgeLabels(d.bins.map((b) => b.from), money.currency);
  const bars = d.bins.map((b, i) => ({
    label: b.to === null ? `≥ ${edges[i]}` : edges[i],
    range: b.to === null ? `${formatMoney(b.from, money.currency)} or more` : `${formatMoney(b.from, money.currency)} to ${formatMoney(b.to, money.currency)}`,
    customers: b.customers,
  }));
  // No P(alive) for any of these customers and a note saying why: the card is left out, the note says it once.
  const pAliveCard = d.meanPAlive !== null || !notes.pAliveNote;
  return (
    <div className="space-y-4">
      <div className={`grid grid-cols-2 gap-4 ${pAliveCard ? 'md:grid-cols-4' : 'md:grid-cols-3'}`}>
        <KpiCard label="Customers with a CLV" value={`${formatInteger(d.withClv)} of ${formatInteger(d.customers)}`} />
        <KpiCard
          label={label('Total predicted CLV')}
          value={formatMoney(d.total, money.currency)}
          testId="kpi-total-predicted-clv"
          hint={notes.caveat ? 'See the CLV caveat below.' : undefined}
        />
        <KpiCard
          label={label('Mean / median CLV')}
          value={`${formatMoney(d.mean, money.currency)} / ${formatMoney(d.median, money.currency)}`}
          testId="kpi-mean-median-clv"
          hint={notes.caveat ? 'See the CLV caveat below.' : undefined}
        />
        {pAliveCard ? (
          <KpiCard
            label="Average P(alive)"
            term="P(alive)"
            value={d.meanPAlive === null ? '—' : formatPAlive(d.meanPAlive)}
            hint={notes.pAliveNote ? 'of the customers it is shown for: see the note below' : undefined}
          />
        ) : null}
      </div>
      <ClvCaveatNote caveat={notes.caveat} />
      <PAliveNote note={notes.pAliveNote} />
      {bars.length > 0 ? (
        <>
          <ClvHistogramChart bars={bars} xLabel={`${moneyLabel('Predicted CLV', money)}: each bar from its label to the next`} />
          <p className="text-xs text-slate-500">Equal-width bins up to the 99th percentile; the last bar collects the long tail above it.</p>
          {notes.caveat ? <p className="text-xs text-amber-800">Histogram: {notes.caveat}</p> : null}
        </>
      ) : (
        <EmptyState>None of these customers has a predicted CLV.</EmptyState>
      )}
    </div>
  );
}

async function HeatmapSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [heatmap, notes] = await Promise.all([getLifetimeValueHeatmap(runId, filters), getLifetimeValueNotes(runId)]);
  if (heatmap.cells.length === 0) return <EmptyState />;
  const maxExpected = Math.max(0, ...heatmap.cells.map((c) => c.expectedPurchases ?? 0));
  // A heatmap of "–" only says nothing: without any P(alive) it is left out where the note below says why.
  const pAliveMap = heatmap.cells.some((c) => c.pAlive !== null) || !notes.pAliveNote;
  return (
    <div className="space-y-3">
      <div className="grid gap-6 lg:grid-cols-2">
        {pAliveMap ? <HeatmapTable heatmap={heatmap} value="pAlive" caption="Average P(alive) by orders and days since the last purchase" format={formatPAlive} max={1} /> : null}
        <HeatmapTable
          heatmap={heatmap}
          value="expectedPurchases"
          caption="Average expected purchases over the CLV horizon"
          format={(v) => v.toFixed(2)}
          max={maxExpected}
        />
      </div>
      <p className="text-xs text-slate-500">
        Each cell averages the filtered customers with that many orders whose last purchase was that many days before the snapshot (n = customers);{' '}
        {pAliveMap ? 'P(alive) averages only the customers it is shown for (– where none). ' : ''}Expected purchases show how much each group is still likely to buy.
      </p>
      <PAliveNote note={notes.pAliveNote} />
    </div>
  );
}

async function HoldoutSection({ runId }: { runId: number }) {
  const [{ holdout }, money] = await Promise.all([getLifetimeValueModel(runId), getRunMoney(runId)]);
  if (holdout.status === 'skipped') return <EmptyState>The holdout validation was skipped: {holdout.reason}</EmptyState>;
  return (
    <div className="space-y-4">
      <p className="text-base text-slate-800" data-testid="holdout-sentence">
        {holdout.purchaseSentence}
      </p>
      <p className="text-sm text-slate-700">{holdout.spendSentence}</p>
      <p className="text-sm text-slate-600">
        Shown for {holdout.modelLabel}; the purchase models compared above are each scored on this period. The models were refitted on the data up to {holdout.calibrationEnd} and checked on {formatInteger(holdout.customers)} customers. They actually made{' '}
        {formatInteger(holdout.totals.actual)} purchases in the held-back period; the model predicted {formatInteger(holdout.totals.model)}, the simple rule{' '}
        {formatInteger(holdout.totals.naive)}.
      </p>
      <HoldoutChart rows={holdout.calibrationTable} />
      <ScrollTable label="Error per customer table, scrolls sideways" hintBelow="lg">
        <table className="w-full text-sm tabular-nums">
          <caption className="mb-1 text-left font-medium text-slate-700">Error per customer on the held-back period</caption>
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col">Forecast</th>
              <th scope="col" className="text-right">
                Purchases <Term term="MAE">MAE</Term>
              </th>
              <th scope="col" className="text-right">
                Purchases <Term term="RMSE">RMSE</Term>
              </th>
              <th scope="col" className="text-right" title={TERMS.bias}>
                Purchases bias
              </th>
              <th scope="col" className="text-right">
                <MoneyHeading label="Spend MAE" money={money} currency={false} />
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                [holdout.modelLabel, holdout.purchases.model, holdout.spend.model],
                ['Naive baseline (past rate)', holdout.purchases.naive, holdout.spend.naive],
              ] as const
            ).map(([name, p, s]) => (
              <tr key={name} className="border-t border-slate-100">
                <th scope="row" className="py-1 text-left font-normal">
                  {name}
                </th>
                <td className="text-right">{two(p.mae)}</td>
                <td className="text-right">{two(p.rmse)}</td>
                <td className="text-right">{two(p.bias)}</td>
                <td className="text-right">{formatMoney(s.mae, money.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}

async function TopCustomersSection({ runId, filters }: { runId: number; filters: DashboardFilters }) {
  const [top, money, notes] = await Promise.all([listTopClvCustomers(runId, filters), getRunMoney(runId), getLifetimeValueNotes(runId)]);
  if (top.length === 0) return <EmptyState />;
  return (
    <div className="space-y-3">
      <ClvCaveatNote caveat={notes.caveat} />
      <PAliveNote note={notes.pAliveNote} />
      <ScrollTable label="Top 20 customers table, scrolls sideways" hintBelow="lg">
        <table className="w-full text-sm tabular-nums">
          <caption className="sr-only">Top 20 customers by predicted value</caption>
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="pr-3">Customer</th>
              <th scope="col" className="pr-3">Country</th>
              <th scope="col" className="pr-3">Segment</th>
              <th scope="col" className="pl-3 text-right">Orders</th>
              <th scope="col" className="pl-3 text-right">
                <MoneyHeading label="Revenue" money={money} currency={false} />
              </th>
              <th scope="col" className="pl-3 text-right">
                <Term term="P(alive)">P(alive)</Term>
              </th>
              <th scope="col" className="pl-3 text-right">
                <MoneyHeading label="CLV" money={money} currency={false} />
              </th>
              <th scope="col" className="hidden pl-3 text-right lg:table-cell" title={CLV_INTERVAL_MEANING}>
                <MoneyHeading label="Interval" money={money} currency={false} />
              </th>
            </tr>
          </thead>
          <tbody>
            {top.map((c) => (
              <tr key={c.customerId} className="border-t border-slate-100">
                <th scope="row" className="py-1 text-left font-normal">
                  <Link href={customerHref(c.customerId, { ...filters, run: runId }, {})} className="text-indigo-700 underline hover:text-indigo-900">
                    {c.customerId}
                  </Link>
                </th>
                <td className="pr-3">{c.country}</td>
                <td className="pr-3">{c.segment}</td>
                <td className="pl-3 text-right">{formatInteger(c.frequency)}</td>
                <td className="pl-3 text-right">{formatMoney(c.monetary, money.currency)}</td>
                <td className="pl-3 text-right">
                  <PAliveValue pAlive={c.pAlive} reason={c.pAliveReason} />
                </td>
                <td className="pl-3 text-right font-medium">{formatMoney(c.clv, money.currency)}</td>
                <td className="hidden pl-3 text-right text-slate-500 lg:table-cell">
                  {c.clvLower === null || c.clvUpper === null ? '–' : `${formatMoney(c.clvLower, money.currency)} – ${formatMoney(c.clvUpper, money.currency)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The browser title of the page in its filtered state. */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  const filters = parseDashboardFilters(await searchParams);
  return dashboardMetadata(filters, pageTitle('Lifetime value', filters));
}

export default async function LifetimeValuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('viewer');
  const filters = parseDashboardFilters(await searchParams);
  const key = JSON.stringify(filters);
  return (
    <DashboardPage title="Lifetime value" filters={filters}>
      {(run, filters) => (
        <>
          <Section title="Model parameters">
            <Suspense fallback={<Skeleton height="h-48" />}>
              <ModelSection runId={run.runId} />
            </Suspense>
          </Section>
          <Section title="Purchase models compared" description="BG/NBD, MBG/NBD and Pareto/NBD fitted on the same customers and scored on the same held-back period.">
            <Suspense fallback={<Skeleton height="h-80" />}>
              <ModelComparisonSection runId={run.runId} />
            </Suspense>
          </Section>
          <Section
            title="Model comparison"
            description="Spend forecasts for the held-back period: a random forest and a linear regression on the same customer features, next to the chosen purchase model with Gamma-Gamma and the naive baseline."
          >
            <Suspense fallback={<Skeleton height="h-64" />}>
              <ValueModelComparisonSection runId={run.runId} />
            </Suspense>
          </Section>
          <Section title="Predicted lifetime value">
            <Suspense key={key} fallback={<div className="space-y-4"><div className="grid grid-cols-2 gap-4 md:grid-cols-4">{[0, 1, 2, 3].map((i) => <KpiCardSkeleton key={i} />)}</div><Skeleton /></div>}>
              <DistributionSection runId={run.runId} filters={filters} />
            </Suspense>
          </Section>
          <Section title="Who is still active, and how much will they buy?">
            <Suspense key={key} fallback={<Skeleton />}>
              <HeatmapSection runId={run.runId} filters={filters} />
            </Suspense>
          </Section>
          <Section title="Holdout validation">
            <Suspense fallback={<Skeleton height="h-80" />}>
              <HoldoutSection runId={run.runId} />
            </Suspense>
          </Section>
          <Section title="Top 20 customers by predicted value">
            <Suspense key={key} fallback={<Skeleton />}>
              <TopCustomersSection runId={run.runId} filters={filters} />
            </Suspense>
          </Section>
        </>
      )}
    </DashboardPage>
  );
}
