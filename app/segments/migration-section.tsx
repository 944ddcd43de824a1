import Link from 'next/link';
import { formatCount, formatInteger, formatMoney } from '@/lib/format/format-number';
import { snapshotLabel, snapshotLastDayOf } from '@/lib/format/snapshot-label';
import { NEW_CUSTOMERS, NOT_IN_LATER, type SegmentMigrationResult } from '@/lib/engines/rfm/segment-migration';
import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { DEFAULT_EXPORT_COLUMNS } from '@/lib/schemas/export-request-schema';
import type { SegmentMovementParams } from '@/lib/schemas/segment-movement-schema';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { getSegmentMigration } from '@/lib/server/dashboard/migration/get-segment-migration';
import { listEarlierSnapshots, type SnapshotRunDto } from '@/lib/server/dashboard/migration/list-earlier-snapshots';
import { Section } from '@/components/ui/section';
import { MigrationFlowChart, type MigrationFlowDto } from './migration-flow-chart';
import { MigrationMatrix, movedCustomersQuery } from './migration-matrix';

const TITLE = 'Segment movement';

// Named as run lists name it: by the last day it counts ("snapshot 28 Feb 2026"), not its snapshot day (2026-03-01); the flow charts' ends too.
const snapshotName = (s: SnapshotRunDto) => `${snapshotLabel(Date.parse(`${s.snapshot}T00:00:00Z`))} (run #${s.runId})`;

function flowOf(matrix: SegmentMigrationResult): MigrationFlowDto {
  return { from: matrix.from, to: matrix.to, flows: matrix.cells.map((c) => ({ from: c.from, to: c.to, customers: c.customers })) };
}

/** The move to call out: Champions to At Risk where there is one, else the largest move between two labels. */
function headlineMove(matrix: SegmentMigrationResult) {
  const moves = matrix.cells.filter((c) => c.from !== c.to && c.from !== NEW_CUSTOMERS && c.to !== NOT_IN_LATER);
  return moves.find((c) => c.from === 'Champions' && c.to === 'At Risk') ?? [...moves].sort((a, b) => b.customers - a.customers)[0] ?? null;
}

/**
 * How the customers of the viewed run moved since an earlier snapshot of its dataset: matrices of
 * RFM segments and churn statuses with counts and spend, flow charts, and links to the customers
 * who made each move.
 */
export async function MigrationSection({ runId, filters, movement }: { runId: number; filters: DashboardFilters; movement: SegmentMovementParams }) {
  const snapshots = await listEarlierSnapshots(runId);
  if (!snapshots.current) return null;
  if (snapshots.earlier.length === 0) {
    return (
      <div id="segment-movement">
        <Section title={TITLE}>
          <p className="text-sm text-slate-700">
            {movement.since !== undefined ? `Run #${movement.since} is not an earlier snapshot of this dataset, and there is none` : 'There is no earlier snapshot of this dataset'} to compare run #{runId} with.{' '}
            <Link href="/data" className="text-indigo-700 underline">
              Create snapshots on the Data page
            </Link>{' '}
            (Monthly snapshots, one analysis per month-end); this section then shows who moved between segments from one snapshot to the next.
          </p>
        </Section>
      </div>
    );
  }
  const chosen = snapshots.earlier.find((s) => s.runId === movement.since) ?? snapshots.earlier[0];
  // A malformed ?since= is named in the page's notices; a run that is no earlier snapshot, here.
  const notice =
    movement.since !== undefined && movement.since !== chosen.runId
      ? `Run #${movement.since} is not an earlier snapshot of this dataset; the latest earlier one, run #${chosen.runId}, is shown instead.`
      : null;
  const [migration, money] = await Promise.all([getSegmentMigration(runId, chosen.runId), getRunMoney(runId)]);
  if (!migration) return null;
  const { segments, churn, later, earlier } = migration;
  const headline = headlineMove(segments);
  const headlineQuery = headline ? movedCustomersQuery(segments, runId, earlier.runId, headline.from, headline.to) : null;
  const keep = [...filtersToSearchParams({ ...filters, run: runId })];
  return (
    <div id="segment-movement">
      <Section
        title={TITLE}
        description={`From the ${snapshotName(earlier)} to this run's ${snapshotName(later)}. Customers are matched by id; spend is up to this run's snapshot (for customers no longer present, up to the earlier one). The filters above do not apply here.`}
      >
        <form method="get" action="/segments#segment-movement" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Choose the earlier snapshot">
          {keep.map(([key, value], i) => (
            <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
          ))}
          <label className="flex min-w-0 max-w-full flex-col gap-1">
            Earlier snapshot
            <select name="since" defaultValue={String(earlier.runId)} className="w-full max-w-full truncate rounded border border-slate-300 bg-white px-2 py-1">
              {snapshots.earlier.map((s) => (
                <option key={s.runId} value={s.runId}>
                  {snapshotName(s)}, {formatCount(s.customerCount ?? 0, 'customer')}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
            Compare
          </button>
        </form>
        {notice ? (
          <p role="status" className="mb-3 rounded bg-amber-50 p-2 text-sm text-amber-900">
            {notice}
          </p>
        ) : null}
        <p className="text-sm text-slate-700">
          Of the {formatCount(segments.stayed + segments.moved + segments.notInLater, 'customer')} at the earlier snapshot, {formatInteger(segments.stayed)} kept their segment,{' '}
          {formatInteger(segments.moved)} moved to another and {formatInteger(segments.notInLater)} are not in this run; {formatInteger(segments.newCustomers)} customers are new since.
        </p>
        {headline && headlineQuery ? (
          <p className="mt-2 text-sm text-slate-700">
            <strong>
              Moved from {headline.from} to {headline.to}: {formatCount(headline.customers, 'customer')}
            </strong>
            , who spent {formatMoney(headline.revenue, money.currency)} up to this snapshot.{' '}
            <Link href={`/customers?${headlineQuery}`} className="text-indigo-700 underline">
              See them in the customers table
            </Link>{' '}
            (export or save them as an audience there), or{' '}
            <a href={`/api/exports?${headlineQuery}&columns=${DEFAULT_EXPORT_COLUMNS.join(',')}`} download className="text-indigo-700 underline">
              download them as a target list (CSV)
            </a>
            .
          </p>
        ) : null}
        <h3 className="mt-4 mb-2 text-sm font-semibold">RFM segments</h3>
        <MigrationMatrix matrix={segments} caption="Segment movement matrix" laterRunId={runId} earlierRunId={earlier.runId} currency={money.currency} />
        <p className="mt-1 text-xs text-slate-500">Click a number to open the customers who made that move. Customers not in this run cannot be opened in its customers table.</p>
        <div className="mt-4">
          <MigrationFlowChart flow={flowOf(segments)} title="Flow of customers between RFM segments" earlierLabel={`Was (${snapshotLastDayOf(earlier.snapshot)})`} laterLabel={`Is now (${snapshotLastDayOf(later.snapshot)})`} />
        </div>
        <h3 className="mt-6 mb-2 text-sm font-semibold">Churn status</h3>
        <MigrationMatrix matrix={churn} caption="Churn status movement matrix" laterRunId={runId} earlierRunId={earlier.runId} currency={money.currency} />
        <div className="mt-4">
          <MigrationFlowChart flow={flowOf(churn)} title="Flow of customers between churn statuses" earlierLabel={`Was (${snapshotLastDayOf(earlier.snapshot)})`} laterLabel={`Is now (${snapshotLastDayOf(later.snapshot)})`} />
        </div>
      </Section>
    </div>
  );
}
