'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { saveAudienceAction, type SaveAudienceState } from '@/lib/actions/save-audience-action';
import { filtersToSearchParams, type DashboardFilters } from '@/lib/schemas/dashboard-filters-schema';
import { submitKeepingInputs } from './submit-keeping-inputs';


/** Save the applied filters (not the run: an audience follows the latest results) under a name. */
export function SaveAudienceForm({ filters }: { filters: DashboardFilters }) {
  const [state, formAction, pending] = useActionState<SaveAudienceState, FormData>(saveAudienceAction, { status: 'idle' });
  return (
    <details name="filter-bar-actions" className="relative">
      <summary className="cursor-pointer list-none rounded border border-slate-300 px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2">
        Save as audience
      </summary>
      <form onSubmit={submitKeepingInputs(formAction)} aria-label="Save as audience" className="absolute right-0 z-10 mt-2 w-72 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
        <input type="hidden" name="query" value={filtersToSearchParams({ ...filters, run: undefined }).toString()} />
        <label className="flex flex-col gap-1 text-sm">
          Audience name
          <input name="name" required maxLength={100} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" disabled={pending} className="mt-2 w-full rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          {pending ? 'Saving…' : 'Save audience'}
        </button>
        {state.status === 'saved' ? (
          <p role="status" className="mt-2 text-xs text-emerald-700">
            Saved “{state.name}”. <Link href="/audiences" className="underline">See audiences</Link>
          </p>
        ) : null}
        {state.status === 'error' ? (
          <p role="alert" className="mt-2 text-xs text-rose-800">
            {state.message}
          </p>
        ) : null}
      </form>
    </details>
  );
}
