'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'analysing'; runId: number; fraction: number; message: string }
  | { kind: 'done'; runId: number }
  | { kind: 'failed'; message: string };

interface RunStatus {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  error: string | null;
}

function upload(file: File, dayFirst: boolean, onProgress: (fraction: number) => void): Promise<{ runId: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ fileName: file.name, dateOrder: dayFirst ? 'day-first' : 'month-first' });
    xhr.open('POST', `/api/uploads?${query}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}') as { runId?: number; error?: string };
      if (xhr.status < 300 && body.runId) resolve({ runId: body.runId });
      else reject(new Error(body.error ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted; check the connection and try again.'));
    xhr.send(file);
  });
}

/** Upload a transaction log, then follow its analysis to the end. */
export function UploadForm() {
  const router = useRouter();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dayFirst, setDayFirst] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  async function follow(runId: number) {
    for (;;) {
      const response = await fetch(`/api/runs/${runId}`, { cache: 'no-store' });
      const status = (await response.json()) as RunStatus;
      if (status.status === 'succeeded') {
        setPhase({ kind: 'done', runId });
        router.refresh();
        return;
      }
      if (status.status === 'failed') {
        setPhase({ kind: 'failed', message: status.error ?? 'The analysis failed.' });
        router.refresh();
        return;
      }
      setPhase({ kind: 'analysing', runId, fraction: status.progress, message: status.message ?? 'Queued' });
      await new Promise((r) => setTimeout(r, 400));
    }
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setPhase({ kind: 'failed', message: 'Choose a CSV file first.' });
      return;
    }
    setPhase({ kind: 'uploading', fraction: 0 });
    try {
      const { runId } = await upload(file, dayFirst, (fraction) => setPhase({ kind: 'uploading', fraction }));
      router.refresh();
      await follow(runId);
    } catch (error) {
      setPhase({ kind: 'failed', message: (error as Error).message });
    }
  }

  const busy = phase.kind === 'uploading' || phase.kind === 'analysing';
  return (
    <form onSubmit={onSubmit} className="mb-8 rounded-lg border border-slate-200 bg-white p-4" aria-label="Upload a transaction log">
      <h2 className="mb-3 font-medium">Upload a transaction log</h2>
      <div className="flex flex-wrap items-center gap-4">
        <label htmlFor={inputId} className="text-sm">
          CSV file (.csv or .csv.gz)
        </label>
        <input id={inputId} ref={fileInput} type="file" accept=".csv,.gz,.txt" className="text-sm" disabled={busy} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={dayFirst} onChange={(e) => setDayFirst(e.target.checked)} disabled={busy} />
          Dates are day/month/year
        </label>
        <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          Upload and analyse
        </button>
      </div>
      {phase.kind === 'uploading' || phase.kind === 'analysing' ? (
        <div className="mt-4" role="status" aria-live="polite">
          <progress
            aria-label={phase.kind === 'uploading' ? 'Upload progress' : 'Analysis progress'}
            value={phase.fraction}
            max={1}
            className="h-2 w-64"
          />{' '}
          <span className="text-sm text-slate-600">
            {phase.kind === 'uploading'
              ? `Uploading: ${Math.round(phase.fraction * 100)}%`
              : `Analysing: ${Math.round(phase.fraction * 100)}%, ${phase.message}`}
          </span>
        </div>
      ) : null}
      {phase.kind === 'done' ? (
        <p className="mt-4 text-sm text-emerald-700" role="status">
          Analysis complete (run #{phase.runId}). <Link href="/" className="underline">See the results</Link>
        </p>
      ) : null}
      {phase.kind === 'failed' ? (
        <p className="mt-4 rounded bg-rose-50 p-2 text-sm text-rose-800" role="alert">
          {phase.message}
        </p>
      ) : null}
    </form>
  );
}
