import Link from 'next/link';
import { ScrollTable } from '@/components/ui/scroll-table';
import { Suspense } from 'react';
import type { Metadata } from 'next';
import { formatInteger, formatMoney } from '@/lib/format/format-number';
import { pageTitle } from '@/lib/format/page-title';
import { dashboardMetadata } from '@/lib/server/dashboard/dashboard-metadata';
import { moneyLabel, moneyNote } from '@/lib/format/money-label';
import { parseDashboardFilters, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import {
  customerHref,
  customerTableHref,
  DEFAULT_SORT_DIRECTION,
  parseCustomerTableParams,
  type CustomerSortColumn,
  type CustomerTableParams,
} from '@/lib/server/dashboard/customers/customer-table-params';
import { listCustomers } from '@/lib/server/dashboard/customers/list-customers';
import { getRunMoney, type RunMoneyDto } from '@/lib/server/dashboard/get-run-money';
import { CHURN_BASIS_MEANING } from '@/lib/server/dashboard/customers/describe-churn-status';
import { CustomerSearchForm } from './customer-search-form';
import { SortLink } from './sort-link';
import { PAliveValue } from '@/components/ui/p-alive-value';
import { DashboardPage } from '@/components/dashboard-page';
import { ClvCaveatNote } from '@/components/ui/clv-caveat-note';
import { PAliveNote } from '@/components/ui/p-alive-note';
import { requirePageRole } from '@/lib/server/auth/current-user';

export const dynamic = 'force-dynamic';

const METHOD_LABEL = { kmeans: 'k-means', gmm: 'GMM', hierarchical: 'Ward' } as const;

// `hide`: shown from that breakpoint up. At tablet width the money, P(alive), churn status and last purchase stay; country,
// R/F/M, recency (the last purchase says it) and the combined segment (churn status + RFM segment) wait for a wider
// screen; the cluster has its own page.
const HIDDEN_BELOW = { lg: 'hidden lg:table-cell', '2xl': 'hidden 2xl:table-cell' } as const;

const COLUMNS: { key: CustomerSortColumn; label: string; numeric?: boolean; money?: boolean; hide?: keyof typeof HIDDEN_BELOW; title?: string }[] = [
  { key: 'customerId', label: 'Customer' },
  { key: 'country', label: 'Country', hide: 'lg' },
  { key: 'segment', label: 'Segment', hide: '2xl' },
  { key: 'cluster', label: 'Cluster', hide: '2xl' },
  { key: 'rfm', label: 'R/F/M', numeric: true, hide: 'lg' },
  { key: 'recency', label: 'Recency (days)', numeric: true, hide: 'lg' },
  { key: 'frequency', label: 'Orders', numeric: true },
  { key: 'monetary', label: 'Revenue', numeric: true, money: true },
  { key: 'clv', label: 'CLV', numeric: true, money: true },
  { key: 'pAlive', label: 'P(alive)', numeric: true },
  { key: 'combinedSegment', label: 'Combined segment', hide: 'lg', title: 'Churn status with RFM segment: "At Risk · Loyal Customers" are loyal customers slipping away' },
  { key: 'lastPurchase', label: 'Last purchase', numeric: true },
];

function SortHeader({
  column,
  filters,
  table,
  money,
}: {
  column: (typeof COLUMNS)[number];
  filters: DashboardFilters;
  table: CustomerTableParams;
  money: RunMoneyDto;
}) {
  const active = table.sort === column.key;
  const nextDir = active ? (table.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_SORT_DIRECTION[column.key];
  const label = column.key === 'cluster' ? `Cluster (${METHOD_LABEL[filters.method]})` : column.money ? moneyLabel(column.label, money) : column.label;
  const note = column.money ? moneyNote(money) : '';
  return (
    <th
      scope="col"
      aria-sort={active ? (table.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={`px-2 py-2 ${column.numeric ? 'text-right' : 'text-left'} ${column.hide ? HIDDEN_BELOW[column.hide] : ''}`}
      title={column.title}
    >
      <SortLink
        column={column.key}
        href={customerTableHref(filters, { q: table.q, sort: column.key, dir: nextDir })}
        className={`whitespace-nowrap hover:text-slate-900 ${active ? 'text-slate-900' : ''}`}
        label={`Sort by ${label} ${nextDir === 'asc' ? 'ascending' : 'descending'}`}
      >
        {note ? column.label : label}
        <span aria-hidden="true">{active ? (table.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        {note ? <span className="block text-[11px] font-normal normal-case">({note})</span> : null}
      </SortLink>
    </th>
  );
}

async function CustomerTable({ runId, filters, table }: { runId: number; filters: DashboardFilters; table: CustomerTableParams }) {
  const [page, money] = await Promise.all([listCustomers(runId, filters, table), getRunMoney(runId)]);
  if (page.total === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">
        {table.q ? `No customer id starts with "${table.q}" among the customers matching these filters.` : 'No customers match these filters.'}
      </p>
    );
  }
  const first = (page.page - 1) * page.pageSize + 1;
  const last = first + page.rows.length - 1;
  const viewed = { ...filters, run: runId };
  const link = (p: number) => customerTableHref(filters, { ...table, page: p });
  return (
    <>
      {table.page > page.page ? (
        <p role="status" className="mb-3 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="page-beyond-last">
          There is no page {formatInteger(table.page)}: these filters give {formatInteger(page.pages)} page{page.pages === 1 ? '' : 's'}, so the last one is shown.
        </p>
      ) : null}
      {page.clvCaveat || page.pAliveNote ? (
        <div className="mb-3 space-y-2">
          <ClvCaveatNote caveat={page.clvCaveat} />
          <PAliveNote note={page.pAliveNote} />
        </div>
      ) : null}
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <ScrollTable label="Customers table, scrolls sideways">
          <table className="w-full text-sm tabular-nums">
            <caption className="sr-only">
              Customers, sorted by {COLUMNS.find((column) => column.key === table.sort)?.label ?? table.sort} {table.dir === 'asc' ? 'ascending' : 'descending'}
            </caption>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                {COLUMNS.map((column) => [
                  <SortHeader key={column.key} column={column} filters={filters} table={table} money={money} />,
                  column.key === 'pAlive' ? (
                    <th key="status" scope="col" className="px-2 py-2 text-left" title={`${CHURN_BASIS_MEANING.pAlive}; ${CHURN_BASIS_MEANING.rules}`}>
                      Churn status
                    </th>
                  ) : null,
                ])}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((c) => (
                <tr key={c.customerId} className="border-t border-slate-100 hover:bg-slate-50">
                  <th scope="row" className="px-2 py-1.5 text-left font-normal">
                    <Link href={customerHref(c.customerId, viewed, { ...table, page: page.page })} prefetch={false} className="text-indigo-700 underline hover:text-indigo-900">
                      {c.customerId}
                    </Link>
                  </th>
                  <td className="hidden px-2 lg:table-cell">{c.country}</td>
                  <td className="hidden px-2 2xl:table-cell">{c.segment}</td>
                  <td className="hidden px-2 2xl:table-cell">{c.cluster === null ? '–' : `${c.cluster}${c.clusterName ? ` ${c.clusterName}` : ''}`}</td>
                  <td className="hidden px-2 text-right font-mono lg:table-cell">
                    {c.rScore}
                    {c.fScore}
                    {c.mScore}
                  </td>
                  <td className="hidden px-2 text-right lg:table-cell">{formatInteger(c.recency)}</td>
                  <td className="px-2 text-right">{formatInteger(c.frequency)}</td>
                  <td className="whitespace-nowrap px-2 text-right">{formatMoney(c.monetary, money.currency)}</td>
                  <td className="whitespace-nowrap px-2 text-right">{formatMoney(c.clv, money.currency)}</td>
                  <td className="px-2 text-right">
                    <PAliveValue pAlive={c.pAlive} reason={c.pAliveReason} />
                  </td>
                  <td className="px-2" aria-label={c.churnStatusLabel}>
                    <span className="whitespace-nowrap">{c.churnStatus}</span>
                    <span className="hidden whitespace-nowrap text-[11px] leading-tight text-slate-500 lg:block">{c.churnStatusLabel.slice(c.churnStatus.length + ' · '.length)}</span>
                  </td>
                  <td className="hidden px-2 lg:table-cell">{c.combinedSegment || '–'}</td>
                  <td className="whitespace-nowrap px-2 text-right">{c.lastPurchase}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
        <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-3 py-2 text-sm">
          <p>
            Showing {formatInteger(first)}-{formatInteger(last)} of {formatInteger(page.total)}
          </p>
          <div className="flex items-center gap-3">
            {page.page > 1 ? (
              <>
                <Link href={link(1)} prefetch={false} className="text-indigo-700 underline">
                  First
                </Link>
                <Link href={link(page.page - 1)} prefetch={false} className="text-indigo-700 underline" rel="prev">
                  Previous
                </Link>
              </>
            ) : null}
            <span>
              Page {formatInteger(page.page)} of {formatInteger(page.pages)}
            </span>
            {page.page < page.pages ? (
              <>
                <Link href={link(page.page + 1)} prefetch={false} className="text-indigo-700 underline" rel="next">
                  Next
                </Link>
                <Link href={link(page.pages)} prefetch={false} className="text-indigo-700 underline">
                  Last
                </Link>
              </>
            ) : null}
          </div>
        </nav>
      </div>
    </>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** "Customers · France · Champions · Segmenta" */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const filters = parseDashboardFilters(await searchParams);
  return dashboardMetadata(filters, pageTitle('Customers', filters));
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('viewer');
  const params = await searchParams;
  const filters = parseDashboardFilters(params);
  const table = parseCustomerTableParams(params);
  return (
    <DashboardPage title="Customers" filters={table.notices ? { ...filters, notices: [...(filters.notices ?? []), ...table.notices] } : filters}>
      {(run, filters) => (
        <>
          <div className="mb-4">
            <Suspense fallback={<div className="h-14" />}>
              <CustomerSearchForm key={table.q ?? ''} initial={table.q ?? ''} />
            </Suspense>
          </div>
          <Suspense key={JSON.stringify({ filters, table })} fallback={<div className="h-[36rem] animate-pulse rounded-lg border border-slate-200 bg-white" />}>
            <CustomerTable runId={run.runId} filters={filters} table={table} />
          </Suspense>
        </>
      )}
    </DashboardPage>
  );
}
