'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Popover } from '@/components/ui/popover';
import { switchRunHref } from '@/lib/schemas/dashboard-filters-schema';

/** One dataset in the switcher with its successful runs; dates already written out by the server. */
export interface RunSwitcherDataset {
  datasetId: number;
  datasetName: string;
  uploaded: string;
  runs: { id: number; label: string; finished: string; customers: string }[];
}

/**
 * The explicit way to change what the dashboard shows: every dataset with its runs (name, upload
 * date and time, run id, when it finished, how many customers). Choosing one opens the same page
 * on that run: with the view's filters for a run of the same dataset (a snapshot, a re-analysis),
 * without them for another dataset's, whose values belong to other data (switchRunHref).
 */
export function RunSwitcher({ datasets, currentRunId }: { datasets: RunSwitcherDataset[]; currentRunId: number }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const viewedDataset = datasets.find((d) => d.runs.some((r) => r.id === currentRunId))?.datasetId;
  // Closed once a run is chosen, so the next page does not open under the list.
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="Switch dataset or run"
      contentLabel="Datasets and runs"
      contentClassName="max-h-[70vh] w-[28rem] max-w-[92vw] overflow-y-auto p-3"
      triggerProps={{
        className:
          'rounded border border-indigo-300 bg-white px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600',
      }}
    >
      <ul className="space-y-3">
        {datasets.map((d) => (
          <li key={d.datasetId}>
            <p className="font-medium text-slate-900">{d.datasetName}</p>
            <p className="mb-1 text-xs text-slate-600">Uploaded {d.uploaded}</p>
            <ul className="space-y-1">
              {d.runs.map((r) => {
                const current = r.id === currentRunId;
                return (
                  <li key={r.id}>
                    <Link
                      href={switchRunHref(pathname, new URLSearchParams(searchParams.toString()), { runId: r.id, sameDataset: d.datasetId === viewedDataset, viewedRunId: currentRunId })}
                      aria-current={current ? 'true' : undefined}
                      onClick={() => setOpen(false)}
                      className={`block rounded px-2 py-1 hover:bg-indigo-50 ${current ? 'bg-indigo-50 font-medium text-indigo-900' : 'text-slate-700'}`}
                    >
                      {r.label} · {r.customers} · finished {r.finished}
                      {current ? ' (viewing)' : ''}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </Popover>
  );
}
