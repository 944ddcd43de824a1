import type { Metadata } from 'next';
import { Suspense } from 'react';
import { formatInteger } from '@/lib/format/format-number';
import { pageTitle } from '@/lib/format/page-title';
import { getDatasetReports } from '@/lib/server/dashboard/get-dataset-reports';
import { listDatasets } from '@/lib/server/dashboard/list-datasets';
import { ExportLogTable, TableSkeleton } from '../audiences/export-log-table';
import { DataQualityReport } from './data-quality-report';
import { DatasetActions } from './dataset-actions';
import { RerunForm } from './rerun-form';
import { RunProgress } from './run-progress';
import { ScoreUploadForm, type ScoreRunChoice } from './score-upload-form';
import { SnapshotsForm } from './snapshots-form';
import { UploadForm } from './upload-form';
import { requirePageRole } from '@/lib/server/auth/current-user';
import { hasRole, type Role } from '@/lib/server/auth/roles';
import { markResponseCacheable } from '@/lib/server/response-cache/mark-cacheable';

export const dynamic = 'force-dynamic';

/** The browser title: "Data · Segmenta". */
export async function generateMetadata(): Promise<Metadata> {
  return { title: pageTitle('Data') };
}

/** "30 Nov 2026, 14:05" in UTC, the same on the server and in every browser. */
function uploadedAt(iso: string): string {
  const date = new Date(iso);
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}, ${iso.slice(11, 16)} UTC`;
}

const STATUS_STYLE: Record<string, string> = {
  succeeded: 'bg-emerald-50 text-emerald-800',
  failed: 'bg-rose-50 text-rose-800',
  running: 'bg-amber-50 text-amber-800',
  queued: 'bg-slate-100 text-slate-700',
};

const summary = 'cursor-pointer text-sm font-medium text-indigo-700 hover:underline focus-visible:outline-2';

async function Datasets({ role }: { role: Role }) {
  const analyst = hasRole(role, 'analyst');
  const [datasets, reports] = await Promise.all([listDatasets(), getDatasetReports()]);
  // With no analysis queued or running, nothing here moves until the next change made through this
  // server, so the page may be answered from memory (lib/server/response-cache); progress never is.
  if (!datasets.some((d) => d.runs.some((r) => r.status === 'queued' || r.status === 'running'))) await markResponseCacheable();
  if (datasets.length === 0) return <p className="text-slate-600">No datasets yet.</p>;
  return datasets.map((d) => {
    const report = reports[d.id];
    const busy = d.runs.some((r) => r.status === 'queued' || r.status === 'running');
    const failed = report?.analysisFailed ?? null;
    // Re-analysis reads the stored lines: a dataset without kept lines has nothing to re-analyse.
    const noLines = d.rowsKept === 0 && !busy ? whyNoLines(report?.quality != null, failed) : null;
    return (
      <section key={d.id} aria-label={d.name} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-medium">{d.name}</h2>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm sm:grid-cols-[auto_1fr_auto_1fr]" aria-label={`About ${d.name}`}>
          <dt className="text-slate-500">File</dt>
          <dd className="break-all">{d.sourceFileName}</dd>
          <dt className="text-slate-500">Uploaded</dt>
          <dd>{uploadedAt(d.createdAt)}</dd>
          <dt className="text-slate-500">Customers</dt>
          <dd className="tabular-nums">{formatInteger(d.customerCount)}</dd>
          <dt className="text-slate-500">Currency</dt>
          <dd>{d.currency ?? 'not set'}</dd>
          <dt className="text-slate-500">Lines</dt>
          <dd className="tabular-nums">
            {formatInteger(d.rowsRead)} read, {formatInteger(d.rowsKept)} kept
          </dd>
          <dt className="text-slate-500">Latest run</dt>
          <dd>{d.runs[0] ? `#${d.runs[0].id}, ${d.runs[0].status}` : 'none'}</dd>
        </dl>
        {analyst ? (
          <DatasetActions
          datasetId={d.id}
          datasetName={d.name}
          currency={d.currency}
          runs={d.runs.length}
          customers={d.runs.find((r) => r.status === 'succeeded')?.customerCount ?? 0}
          lines={d.storedLines}
          busy={busy}
          canDelete={hasRole(role, 'admin')}
          />
        ) : null}
        {noLines ? (
          <div className="mt-3 rounded border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900">
            <p>{noLines} It can be deleted; upload the file again, with other settings if need be.</p>
          </div>
        ) : null}
        {/* Focusable and named: at tablet width the runs table scrolls sideways, and keyboard users must reach it. */}
        <div role="region" aria-label="Runs table, scrolls sideways" tabIndex={0} className="mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Runs of {d.name}</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-2">Run</th>
                <th scope="col" className="pr-2">Status</th>
                <th scope="col" className="pr-2">Progress and stage</th>
                <th scope="col" className="pr-2">Customers</th>
                <th scope="col" className="pr-2">Started</th>
                <th scope="col" className="pr-2">Parameters</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {d.runs.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-2">
                    #{r.id}
                    {r.snapshot ? <span className="block whitespace-nowrap text-xs text-slate-500">{r.snapshot}</span> : null}
                  </td>
                  <td className="pr-2">
                    <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[r.status] ?? ''}`}>{r.status}</span>
                  </td>
                  <td className="pr-2">
                    <RunProgress runId={r.id} initial={{ status: r.status, progress: r.progress, message: r.status === 'queued' ? 'Queued: waiting to start' : r.progressMessage, error: r.error }} />
                  </td>
                  <td className="pr-2">{formatInteger(r.customerCount)}</td>
                  <td className="pr-2 whitespace-nowrap">
                    {uploadedAt(r.createdAt)}
                    <span className="block text-xs text-slate-500">by {r.startedBy}</span>
                  </td>
                  <td className="pr-2 text-xs text-slate-600">
                    <ul aria-label={`Parameters of run ${r.id}`}>
                      {(report?.runParameters[r.id] ?? []).map((p) => (
                        <li key={p.label}>
                          <span className="text-slate-500">{p.label}:</span> {p.value}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="text-rose-700">{r.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details className="mt-4 border-t border-slate-100 pt-3">
          <summary className={summary}>Data-quality report</summary>
          <div className="mt-3">
            {report?.quality ? (
              <>
                {failed ? (
                  <p className="mb-3 rounded border border-rose-200 bg-rose-50 p-2 text-sm text-rose-900">
                    The analysis failed: {failed} The file was read and cleaned all the same; this report is of its lines
                    {d.rowsKept > 0 ? ', and the dataset can be re-analysed with other parameters.' : '.'}
                  </p>
                ) : null}
                <DataQualityReport quality={report.quality} datasetName={d.name} />
              </>
            ) : (
              <p className="text-sm text-slate-600">
                {busy ? 'No report yet: the dataset’s first analysis has not finished.' : failed ? `No report: the file’s lines were not stored; its analysis failed: ${failed}` : 'No report: the file’s lines were not stored.'}
              </p>
            )}
          </div>
        </details>
        {analyst ? (
        <>
        <details className="mt-3 border-t border-slate-100 pt-3">
          <summary className={summary}>Monthly snapshots</summary>
          <div className="mt-3">
            {d.rowsKept > 0 && d.firstDate && d.lastDate ? (
              <SnapshotsForm datasetId={d.id} datasetName={d.name} firstDate={d.firstDate} lastDate={d.lastDate} busy={busy} />
            ) : (
              <p className="text-sm text-slate-600">This dataset has no stored lines to take snapshots of.</p>
            )}
          </div>
        </details>
        <details className="mt-3 border-t border-slate-100 pt-3">
          <summary className={summary}>Re-analyse with other parameters</summary>
          <div className="mt-3">
            {d.rowsKept > 0 ? (
              <RerunForm datasetId={d.id} datasetName={d.name} valueBasis={d.valueBasis} busy={busy} />
            ) : (
              <p className="text-sm text-slate-600">
                {busy ? 'The dataset’s lines are stored when its first analysis has read the file.' : 'This dataset has no stored lines to re-analyse.'}
              </p>
            )}
          </div>
        </details>
        </>
        ) : null}
        <ScoreSection
          datasetName={d.name}
          runs={d.runs.filter((r) => r.status === 'succeeded').map((r) => ({ id: r.id, label: r.snapshot ? `#${r.id} · ${r.snapshot}` : `#${r.id}` }))}
          defaultRunId={d.defaultRunId}
          canScore={analyst}
        />
      </section>
    );
  });
}

/** "Score new customers against a run": analysts score another file with a finished run's stored models. */
function ScoreSection({ datasetName, runs, defaultRunId, canScore }: { datasetName: string; runs: ScoreRunChoice[]; defaultRunId: number | null; canScore: boolean }) {
  return (
    <details className="mt-3 border-t border-slate-100 pt-3">
      <summary className={summary}>Score new customers against a run</summary>
      <div className="mt-3">
        {!canScore ? (
          <p className="text-sm text-slate-600">Scoring a file needs the analyst role; ask an administrator.</p>
        ) : runs.length === 0 || defaultRunId === null ? (
          <p className="text-sm text-slate-600">This dataset has no finished run to score against yet.</p>
        ) : (
          <ScoreUploadForm datasetName={datasetName} runs={runs} defaultRunId={defaultRunId} />
        )}
      </div>
    </details>
  );
}

/** Why a dataset (with no analysis under way) has no lines to re-analyse, in one sentence. */
function whyNoLines(cleaned: boolean, failed: string | null): string {
  if (cleaned) return 'Every line of this file was left out by cleaning (see the data-quality report), so there is nothing to re-analyse.';
  if (failed) return `None of this file’s lines were stored: its analysis failed (${failed.replace(/\.$/, '')}).`;
  return 'Nothing of this file was stored, so there is nothing to re-analyse.';
}

function DatasetsSkeleton() {
  return <div className="mb-6 h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />;
}

export default async function DataPage() {
  const user = await requirePageRole('viewer');
  return (
    <div>
      <h1 className="mb-6 text-2xl font-semibold">Data</h1>
      {hasRole(user.role, 'analyst') ? (
        <UploadForm />
      ) : (
        <p className="mb-8 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          You can read every dataset and its data-quality report. Uploading, re-analysing, renaming and setting a currency need the
          analyst role; ask an admin.
        </p>
      )}
      <Suspense fallback={<DatasetsSkeleton />}>
        <Datasets role={user.role} />
      </Suspense>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-medium">Export log</h2>
        <Suspense fallback={<TableSkeleton />}>
          <ExportLogTable />
        </Suspense>
      </div>
    </div>
  );
}
