'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Popover } from '@/components/ui/popover';
import { saveAudienceAction, type SaveAudienceState } from '@/lib/actions/save-audience-action';
import { clusterNeedsPin } from '@/lib/schemas/audience-schema';
import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { submitKeepingInputs } from './submit-keeping-inputs';

/**
 * Save the applied filters (without the run) under a name, on the viewed run's dataset: following
 * that dataset's latest results, or kept on the viewed run (always, with a cluster filter).
 */
export function SaveAudienceForm({ filters, runId }: { filters: DashboardFilters; runId: number }) {
  const [state, formAction, pending] = useActionState<SaveAudienceState, FormData>(saveAudienceAction, { status: 'idle' });
  const keepRun = clusterNeedsPin(filters);
  return (
    <Popover trigger="Save as audience" contentLabel="Save as audience panel">
      <form onSubmit={submitKeepingInputs(formAction)} aria-label="Save as audience">
        <input type="hidden" name="query" value={filtersToSearchParams({ ...filters, run: undefined }).toString()} />
        <input type="hidden" name="runId" value={runId} />
        <label className="flex flex-col gap-1 text-sm">
          Audience name
          <input name="name" required maxLength={100} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <fieldset className="mt-3 text-sm">
          <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600">Which results</legend>
          {keepRun ? (
            <p className="mb-1 text-xs text-slate-600">A cluster filter names this run’s clusters, and each analysis numbers its clusters afresh: the audience keeps run #{runId}.</p>
          ) : (
            <label className="flex items-start gap-2">
              <input type="radio" name="pin" value="latest" defaultChecked className="mt-1" />
              <span>Follow this dataset’s latest results</span>
            </label>
          )}
          <label className="flex items-start gap-2">
            <input type="radio" name="pin" value="run" defaultChecked={keepRun} className="mt-1" />
            <span>Keep run #{runId}</span>
          </label>
        </fieldset>
        <button type="submit" disabled={pending} className="mt-3 w-full rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          {pending ? 'Saving…' : 'Save audience'}
        </button>
        {state.status === 'saved' ? (
          <p role="status" className="mt-2 text-xs text-emerald-700">
            Saved “{state.name}”.{' '}
            <Link href={`/audiences?run=${runId}`} className="underline">
              See audiences
            </Link>
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p role="alert" className="mt-2 text-xs text-rose-800">
            {state.message}
          </p>
        ) : null}
      </form>
    </Popover>
  );
}
