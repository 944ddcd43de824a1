'use client';

import { useId, useRef, useState } from 'react';
import { formatInteger } from '@/lib/format/format-number';

type ErrorBody = { error?: string | { message?: string } };

async function errorOf(response: Response, fallback: string): Promise<Error> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const message = typeof body.error === 'string' ? body.error : body.error?.message;
  return new Error(message ?? `${fallback} (HTTP ${response.status}).`);
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; message: string }
  | { kind: 'done'; runId: number; customers: number; asOf: string | null; fileName: string; url: string }
  | { kind: 'failed'; message: string };

/**
 * "Score against run #N": a new file goes through the upload's staging area (same size limits),
 * the server places its customers with the run's stored models, and the scored CSV downloads.
 */
export function ScoreUploadForm({ datasetName, runIds }: { datasetName: string; runIds: number[] }) {
  const [runId, setRunId] = useState(runIds[0]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();

  async function score(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setPhase({ kind: 'failed', message: 'Choose the transaction file whose customers you want to score.' });
      return;
    }
    if (phase.kind === 'done') URL.revokeObjectURL(phase.url);
    try {
      setPhase({ kind: 'working', message: `Uploading ${file.name}…` });
      const staged = await fetch(`/api/uploads/staging?${new URLSearchParams({ fileName: file.name })}`, { method: 'POST', body: file });
      if (!staged.ok) throw await errorOf(staged, 'The upload failed');
      const { stagingId } = (await staged.json()) as { stagingId: string };
      setPhase({ kind: 'working', message: `Scoring the customers of ${file.name} with run #${runId}…` });
      const scored = await fetch(`/api/runs/${runId}/score`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ stagingId }) });
      if (!scored.ok) throw await errorOf(scored, 'Scoring failed');
      const fileName = /filename="([^"]+)"/.exec(scored.headers.get('Content-Disposition') ?? '')?.[1] ?? `scored-run-${runId}.csv`;
      const customers = Number(scored.headers.get('X-Scored-Customers') ?? 0);
      const url = URL.createObjectURL(await scored.blob());
      const asOf = scored.headers.get('X-Scored-As-Of');
      setPhase({ kind: 'done', runId, customers, asOf, fileName, url });
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
    } catch (error) {
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : 'Scoring failed; try again.' });
    }
  }

  const working = phase.kind === 'working';
  return (
    <form onSubmit={score} aria-label={`Score new customers against a run of ${datasetName}`} className="space-y-3 text-sm">
      <p className="text-slate-600">
        Places the customers of another file into a run’s RFM segments and clusters, with P(alive) and CLV from the run’s fitted models; nothing is refitted.
        The file is read like an upload and scored as of the day after its last purchase.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span>File to score</span>
          <input ref={fileInput} type="file" name="file" disabled={working} className="text-sm" />
        </label>
        <label className="flex flex-col gap-1" htmlFor={`${id}-run`}>
          <span>Run</span>
          <select id={`${id}-run`} value={runId} disabled={working} onChange={(e) => setRunId(Number(e.target.value))} className="rounded border border-slate-300 px-2 py-1">
            {runIds.map((r, i) => (
              <option key={r} value={r}>
                #{r}
                {i === 0 ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={working} className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          Score against run #{runId}
        </button>
      </div>
      {phase.kind === 'working' ? (
        <p role="status" aria-live="polite" className="text-slate-700">
          {phase.message}
        </p>
      ) : null}
      {phase.kind === 'done' ? (
        <p role="status" aria-live="polite" className="text-emerald-800">
          Scored {formatInteger(phase.customers)} customers with run #{phase.runId}
          {phase.asOf ? `, as of ${phase.asOf} (recency and P(alive) are measured to that day)` : ''}.{' '}
          <a href={phase.url} download={phase.fileName} className="font-medium text-indigo-700 underline">
            Download {phase.fileName} again
          </a>
        </p>
      ) : null}
      {phase.kind === 'failed' ? (
        <p role="alert" className="rounded bg-rose-50 p-2 text-rose-800">
          {phase.message}
        </p>
      ) : null}
    </form>
  );
}
