'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { REQUIRED_FIELDS, TRANSACTION_FIELDS, type ColumnMapping, type TransactionField } from '@/lib/engines/ingest/types';
import { followRun } from './follow-run';
import { ColumnMappingStep, type MappingDraft } from './column-mapping-step';
import { readFilePreview } from './read-file-preview';

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'mapping'; header: string[]; preview: string[][]; error: string }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'analysing'; runId: number; fraction: number; message: string }
  | { kind: 'done'; runId: number }
  | { kind: 'failed'; message: string };

interface HeaderAnswer {
  header?: string[];
  resolved?: Record<TransactionField, string | null>;
  error?: string | null;
}

/** Bytes of the file sent to the header check: the same the server reads for its own check. */
const HEAD_BYTES = 256 * 1024;

function uploadQuery(file: File, dayFirst: boolean, columns: ColumnMapping | undefined): string {
  const query = new URLSearchParams({ fileName: file.name, dateOrder: dayFirst ? 'day-first' : 'month-first' });
  if (columns) query.set('columns', JSON.stringify(columns));
  return query.toString();
}

async function checkHeader(file: File, query: string): Promise<HeaderAnswer & { status: number }> {
  const response = await fetch(`/api/uploads/header?${query}`, { method: 'POST', body: file.slice(0, HEAD_BYTES) });
  const body = (await response.json().catch(() => ({}))) as HeaderAnswer;
  return { ...body, status: response.status };
}

function upload(file: File, query: string, onProgress: (fraction: number) => void): Promise<{ runId: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
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

/** A problem with the chosen mapping in words, before anything is sent. */
function mappingProblem(draft: MappingDraft): string | null {
  const missing = REQUIRED_FIELDS.filter((f) => !draft[f]);
  if (missing.length > 0) return `Choose a column for ${missing.join(', ')}.`;
  const seen = new Map<string, TransactionField>();
  for (const field of TRANSACTION_FIELDS) {
    const column = draft[field];
    if (!column) continue;
    const other = seen.get(column);
    if (other) return `The column “${column}” is chosen for both ${other} and ${field}; each column can hold one field.`;
    seen.set(column, field);
  }
  return null;
}

/**
 * Upload a transaction log, then follow its analysis to the end. When the header is not
 * recognised, a mapping step shows the file's first rows and asks which column holds what.
 */
export function UploadForm() {
  const router = useRouter();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [dayFirst, setDayFirst] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [draft, setDraft] = useState<MappingDraft>({});

  async function send(file: File, columns: ColumnMapping | undefined) {
    const query = uploadQuery(file, dayFirst, columns);
    setPhase({ kind: 'checking' });
    const check = await checkHeader(file, query);
    if (check.status !== 200 || !check.header) {
      setPhase({ kind: 'failed', message: check.error ?? `The file could not be checked (HTTP ${check.status}).` });
      return;
    }
    if (check.error) {
      const preview = await readFilePreview(file).catch(() => []);
      if (!columns) setDraft(Object.fromEntries(TRANSACTION_FIELDS.map((f) => [f, check.resolved?.[f] ?? ''])) as MappingDraft);
      setPhase({ kind: 'mapping', header: check.header, preview, error: check.error });
      return;
    }
    setPhase({ kind: 'uploading', fraction: 0 });
    const { runId } = await upload(file, query, (fraction) => setPhase({ kind: 'uploading', fraction }));
    router.refresh();
    const final = await followRun(runId, (s) => setPhase({ kind: 'analysing', runId, fraction: s.progress, message: s.message ?? 'Queued' }));
    router.refresh();
    setPhase(final.status === 'succeeded' ? { kind: 'done', runId } : { kind: 'failed', message: final.error ?? 'The analysis failed.' });
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setPhase({ kind: 'failed', message: 'Choose a CSV file first.' });
      return;
    }
    let columns: ColumnMapping | undefined;
    if (phase.kind === 'mapping') {
      const problem = mappingProblem(draft);
      if (problem) {
        setPhase({ ...phase, error: problem });
        return;
      }
      columns = Object.fromEntries(Object.entries(draft).filter(([, column]) => column)) as ColumnMapping;
    }
    try {
      await send(file, columns);
    } catch (error) {
      setPhase({ kind: 'failed', message: (error as Error).message });
    }
  }

  const busy = phase.kind === 'checking' || phase.kind === 'uploading' || phase.kind === 'analysing';
  return (
    <form onSubmit={onSubmit} className="mb-8 rounded-lg border border-slate-200 bg-white p-4" aria-label="Upload a transaction log">
      <h2 className="mb-3 font-medium">Upload a transaction log</h2>
      <div className="flex flex-wrap items-center gap-4">
        <label htmlFor={inputId} className="text-sm">
          CSV file (.csv or .csv.gz)
        </label>
        <input
          id={inputId}
          ref={fileInput}
          type="file"
          accept=".csv,.gz,.txt"
          className="text-sm"
          disabled={busy}
          onChange={() => setPhase({ kind: 'idle' })}
        />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={dayFirst} onChange={(e) => setDayFirst(e.target.checked)} disabled={busy} />
          Dates are day/month/year
        </label>
        <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          Upload and analyse
        </button>
      </div>
      {phase.kind === 'mapping' ? (
        <>
          <p className="mt-4 rounded bg-rose-50 p-2 text-sm text-rose-800" role="alert">
            {phase.error}
          </p>
          <ColumnMappingStep header={phase.header} preview={phase.preview} draft={draft} onChange={setDraft} />
        </>
      ) : null}
      {phase.kind === 'checking' ? (
        <p className="mt-4 text-sm text-slate-600" role="status">
          Checking the file’s columns…
        </p>
      ) : null}
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
