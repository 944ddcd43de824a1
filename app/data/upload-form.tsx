'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import type { ColumnMapping, FileReading } from '@/lib/engines/ingest/types';
import type { PreviewResult } from '@/lib/engines/pipeline/preview-transactions';
import type { UploadSettings } from '@/lib/schemas/upload-request-schema';
import { apiErrorMessage, type ApiErrorBody } from '@/lib/format/api-error-message';
import { currencyQuestion } from '@/lib/format/currency-question';
import { ColumnMappingStep } from './column-mapping-step';
import { followRun, type RunStatusAnswer } from './follow-run';
import { AskDateOrder, AskTimeZone } from './reading-questions';
import { ProgressLine } from './run-progress';
import { UploadPreview } from './upload-preview';
import { UploadSettingsPanel } from './upload-settings';

interface Staged {
  stagingId: string;
  fileName: string;
  byteSize: number;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'staging'; fraction: number }
  | { kind: 'preview'; staged: Staged }
  | { kind: 'refused'; fileName: string; message: string }
  | { kind: 'storing' }
  | { kind: 'analysing'; runId: number; status: RunStatusAnswer }
  | { kind: 'done'; runId: number }
  | { kind: 'failed'; message: string };

type Answer = PreviewResult | { status: 'gone'; message: string };

/** A dataset already made from the same file (the server's checksum match). */
interface Duplicate {
  datasetId: number;
  name: string;
  createdAt: string;
  latestRunId: number | null;
}

const dayMonth = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Refusals a setting or a column mapping may cure: the file stays staged and the settings stay open. */
const FIXABLE_REFUSALS = new Set(['MISSING_COLUMNS', 'PARSE_FAILURES', 'NO_VALID_ROWS', 'INVALID_OPTION']);

/** Settings the preview starts from: everything detected, revenue net of refunds. */
const INITIAL_SETTINGS: UploadSettings = { value: 'net' };


function stage(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Staged> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.onabort = () => reject(new Error('The upload was stopped.'));
    xhr.open('POST', `/api/uploads/staging?${new URLSearchParams({ fileName: file.name })}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || '{}') as Partial<Staged>;
      if (xhr.status < 300 && body.stagingId) resolve(body as Staged);
      else reject(new Error(apiErrorMessage(body) ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted; check the connection and try again.'));
    xhr.send(file);
  });
}

function discard(stagingId: string) {
  void fetch(`/api/uploads/staging/${stagingId}`, { method: 'DELETE', keepalive: true }).catch(() => undefined);
}

/** The header and mapping a refusal names (MISSING_COLUMNS), so the mapping step can be shown. */
function refusedHeader(answer: Answer | null): string[] | null {
  if (answer?.status !== 'refused') return null;
  const header = answer.details?.header;
  return Array.isArray(header) ? header.map(String) : null;
}

/** The columns the engine recognised by name before refusing for the missing ones (MISSING_COLUMNS). */
function refusedMapping(answer: Answer | null): ColumnMapping | null {
  if (answer?.status !== 'refused') return null;
  const resolved = answer.details?.resolved;
  if (!resolved || typeof resolved !== 'object') return null;
  return Object.fromEntries(Object.entries(resolved).filter(([, column]) => typeof column === 'string')) as ColumnMapping;
}

function refusedReading(answer: Answer | null): FileReading | null {
  if (answer?.status !== 'refused') return null;
  const reading = answer.details?.reading;
  return reading && typeof reading === 'object' ? (reading as FileReading) : null;
}

/** What the file says about its currency when a typed one differs from it; null when they agree or the file says nothing. */
function statedCurrencyNote(stated: { currency: string | null; reason: string } | null, typed: string | undefined): string | null {
  if (!stated || !typed) return null;
  const code = typed.toUpperCase();
  if (stated.currency && /^[A-Z]{3}$/.test(stated.currency) && stated.currency !== code) {
    return `The file says ${stated.currency} (${stated.reason}); its amounts are not converted, only labelled ${code}.`;
  }
  if (!stated.currency && stated.reason.includes('several currencies')) return `The file says more than one currency: ${stated.reason}.`;
  return null;
}

/**
 * Upload a transaction log in three steps: the file is sent once to the server's staging area;
 * a preview shows how it was read (every detected setting editable, the first lines as parsed
 * values, what cleaning will leave) and follows each change; "Analyse" stores it and follows
 * the analysis to the end. A file that cannot be read is refused in words and nothing is kept.
 */
export function UploadForm() {
  const router = useRouter();
  const inputId = useId();
  const nameId = useId();
  const [name, setName] = useState('');
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [settings, setSettings] = useState<UploadSettings>(INITIAL_SETTINGS);
  // The last answer (shown while a newer one is read) and the request it answered.
  const [result, setResult] = useState<{ key: string; answer: Answer | null; problem: string | null } | null>(null);
  // The currency the file itself states, read while no currency was typed: a typed one only relabels the amounts.
  const [stated, setStated] = useState<{ stagingId: string; currency: string | null; reason: string } | null>(null);
  const stagingId = phase.kind === 'preview' ? phase.staged.stagingId : null;
  const fileName = phase.kind === 'preview' ? phase.staged.fileName : '';
  const settingsJson = JSON.stringify(settings);
  const requestKey = `${stagingId}:${settingsJson}`;
  const answer = result?.answer ?? null;
  const loading = stagingId !== null && result?.key !== requestKey;
  const problem = result?.key === requestKey ? result.problem : null;

  // Each new file or setting reads the preview again; a newer request cancels the one under way.
  useEffect(() => {
    if (!stagingId) return;
    const controller = new AbortController();
    const key = `${stagingId}:${settingsJson}`;
    const keep = (problem: string) => setResult((last) => ({ key, answer: last?.answer ?? null, problem }));
    fetch('/api/uploads/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stagingId, settings: JSON.parse(settingsJson) }),
      signal: controller.signal,
    })
      .then(async (response) => {
        const body = (await response.json().catch(() => ({}))) as Answer;
        if (controller.signal.aborted) return;
        if (body.status === 'gone' || (body.status === 'refused' && !FIXABLE_REFUSALS.has(body.code))) {
          setResult(null);
          setPhase({ kind: 'refused', fileName, message: body.message });
        } else if (!response.ok || !body.status) keep(apiErrorMessage(body) ?? `The preview failed (HTTP ${response.status}).`);
        else {
          setResult({ key, answer: body, problem: null });
          const read = body.status === 'ready' ? body.reading : refusedReading(body);
          const sent = JSON.parse(settingsJson) as UploadSettings;
          if (read && !sent.currency) setStated({ stagingId, currency: read.currency, reason: read.currencyReason });
        }
      })
      .catch(() => {
        if (!controller.signal.aborted) keep('The preview could not be read from the server; check the connection and change a setting to try again.');
      });
    return () => controller.abort();
  }, [stagingId, fileName, settingsJson]);

  // A staged file the page leaves behind (reload, closed tab, a menu link) is discarded, and an
  // upload under way is stopped; the server's hourly sweep removes what this misses.
  const pending = useRef<string | null>(null);
  const page = useRef<AbortController | null>(null);
  useEffect(() => {
    pending.current = stagingId;
  }, [stagingId]);
  useEffect(() => {
    const controller = new AbortController();
    page.current = controller;
    const leave = () => {
      if (pending.current) discard(pending.current);
      pending.current = null;
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      controller.abort();
      leave();
    };
  }, []);

  function reset() {
    setSettings(INITIAL_SETTINGS);
    setResult(null);
    setDuplicate(null);
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setPhase({ kind: 'failed', message: 'Choose a file first.' });
      return;
    }
    if (stagingId) discard(stagingId);
    reset();
    setPhase({ kind: 'staging', fraction: 0 });
    const signal = page.current?.signal;
    try {
      const staged = await stage(file, (fraction) => setPhase({ kind: 'staging', fraction }), signal);
      // The page was left while the last bytes went up.
      if (signal?.aborted) discard(staged.stagingId);
      else {
        setName(staged.fileName);
        setPhase({ kind: 'preview', staged });
      }
    } catch (error) {
      if (!signal?.aborted) setPhase({ kind: 'failed', message: (error as Error).message });
    }
  }

  function cancel() {
    if (stagingId) discard(stagingId);
    reset();
    if (fileInput.current) fileInput.current.value = '';
    setPhase({ kind: 'idle' });
  }

  async function analyse(secondCopy = false) {
    if (phase.kind !== 'preview') return;
    const { stagingId: id } = phase.staged;
    const previewing = phase;
    setDuplicate(null);
    setPhase({ kind: 'storing' });
    try {
      const response = await fetch('/api/uploads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stagingId: id, name: name.trim() || undefined, secondCopy, settings }),
      });
      const body = (await response.json().catch(() => ({}))) as { runId?: number } & Partial<ApiErrorBody<{ duplicate?: Duplicate }>>;
      if (response.status === 409 && body.error?.duplicate) {
        setDuplicate(body.error.duplicate);
        setPhase(previewing);
        return;
      }
      if (!response.ok || !body.runId) throw new Error(apiErrorMessage(body) ?? `The file could not be stored (HTTP ${response.status}).`);
      const runId = body.runId;
      pending.current = null;
      reset();
      setPhase({ kind: 'analysing', runId, status: { status: 'queued', progress: 0, message: 'Queued: waiting to start', error: null } });
      router.refresh();
      const final = await followRun(runId, (status) => setPhase({ kind: 'analysing', runId, status }));
      router.refresh();
      if (final.status === 'succeeded') setPhase({ kind: 'done', runId });
      else {
        const cause = final.error ?? 'The analysis failed.';
        setPhase({ kind: 'failed', message: final.datasetRemoved ? `${cause} Nothing of this file was kept.` : cause });
      }
    } catch (error) {
      setPhase({ kind: 'failed', message: (error as Error).message });
    }
  }

  const busy = phase.kind === 'staging' || phase.kind === 'analysing' || phase.kind === 'storing';
  const ready = answer?.status === 'ready' ? answer : null;
  const reading = ready?.reading ?? refusedReading(answer);
  const header = ready?.header ?? refusedHeader(answer);
  const currencyNote = statedCurrencyNote(stated?.stagingId === stagingId ? stated : null, settings.currency);
  const statedNow = stated?.stagingId === stagingId ? stated : null;
  // Only what the file itself shows names its currency; otherwise the user is asked, nothing preselected
  // (a guess from an earlier upload would label every amount of this dataset wrongly).
  const question = statedNow ? currencyQuestion(statedNow) : null;
  const currencyHint =
    question?.kind === 'named'
      ? settings.currency && settings.currency.toUpperCase() !== question.currency
        ? null
        : `Detected: ${question.currency}, from ${question.source}.`
      : question && !settings.currency
        ? question.question
        : null;
  const currencyChoices =
    question?.kind === 'ask' && question.choices.length > 0 && !settings.currency
      ? { codes: question.choices, use: (code: string) => setSettings({ ...settings, currency: code }) }
      : null;
  const mapping: ColumnMapping = { ...(ready?.mapping ?? refusedMapping(answer) ?? {}), ...(settings.columns ?? {}) };
  return (
    <form onSubmit={onSubmit} className="mb-8 rounded-lg border border-slate-200 bg-white p-4" aria-label="Upload a transaction log">
      <h2 className="mb-3 font-medium">Upload a transaction log</h2>
      <div className="flex flex-wrap items-center gap-4">
        <label htmlFor={inputId} className="text-sm">
          Transaction file (.csv, .tsv, .txt, .xlsx, or a .gz of one)
        </label>
        <input
          id={inputId}
          ref={fileInput}
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,.gz"
          className="text-sm"
          disabled={busy}
          onChange={() => phase.kind !== 'preview' && setPhase({ kind: 'idle' })}
        />
        <button type="submit" disabled={busy} className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          Upload and preview
        </button>
      </div>

      {phase.kind === 'staging' ? (
        <div className="mt-4" role="status" aria-live="polite">
          <progress aria-label="Upload progress" value={phase.fraction} max={1} className="h-2 w-64" />{' '}
          <span className="text-sm text-slate-600">Uploading: {Math.round(phase.fraction * 100)}%</span>
        </div>
      ) : null}

      {phase.kind === 'preview' ? (
        <section aria-label="Preview" className="mt-4 border-t border-slate-100 pt-4">
          <div className="flex flex-wrap items-center gap-3">
            <h3 className="font-medium">Preview of {phase.staged.fileName}</h3>
            {loading ? (
              <span role="status" className="text-sm text-slate-600">
                Reading the file…
              </span>
            ) : null}
          </div>
          {answer?.status === 'ask-date-order' ? (
            <AskDateOrder message={answer.message} column={answer.column} examples={answer.examples} onChoose={(dateOrder) => setSettings({ ...settings, dateOrder })} />
          ) : null}
          {answer?.status === 'ask-time-zone' ? (
            <AskTimeZone
              message={answer.message}
              onChoose={(timeZone) => setSettings({ ...settings, timeZone })}
              typeHint="Or type the store’s zone (an IANA name such as Australia/Melbourne) under Time zone below."
            />
          ) : null}
          {answer?.status === 'refused' ? (
            <p role="alert" className="mt-3 rounded bg-rose-50 p-2 text-sm text-rose-800">
              {answer.message}
            </p>
          ) : null}
          {problem ? (
            <p role="alert" className="mt-3 rounded bg-rose-50 p-2 text-sm text-rose-800">
              {problem}
            </p>
          ) : null}
          <label htmlFor={nameId} className="mt-3 flex max-w-md flex-col gap-1 text-sm">
            Dataset name
            <input
              id={nameId}
              type="text"
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1"
              aria-describedby={`${nameId}-hint`}
            />
            <span id={`${nameId}-hint`} className="text-xs text-slate-500">
              How the dataset is listed here and in the run picker; it can be renamed later.
            </span>
          </label>
          {answer ? <UploadSettingsPanel settings={settings} reading={reading} currencyNote={currencyNote} currencyHint={currencyHint} currencyChoices={currencyChoices} onChange={setSettings} /> : null}
          {header ? (
            answer?.status === 'refused' ? (
              <ColumnMappingStep header={header} mapping={mapping} onChange={(columns) => setSettings({ ...settings, columns })} />
            ) : (
              <details className="mt-3" open={settings.columns !== undefined}>
                <summary className="cursor-pointer text-sm font-medium text-indigo-700 hover:underline">Columns</summary>
                <ColumnMappingStep header={header} mapping={mapping} onChange={(columns) => setSettings({ ...settings, columns })} />
              </details>
            )
          ) : null}
          {ready ? <UploadPreview preview={ready} /> : null}
          {duplicate ? (
            <div role="alert" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              <p>
                This file was uploaded on {dayMonth(duplicate.createdAt)} as ‘{duplicate.name}’
                {duplicate.latestRunId ? ` (run #${duplicate.latestRunId})` : ''}. Open it, or upload a second copy?
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                {duplicate.latestRunId ? (
                  <Link href={`/?run=${duplicate.latestRunId}`} className="rounded bg-amber-700 px-3 py-1 font-medium text-white hover:bg-amber-800">
                    Open it
                  </Link>
                ) : null}
                <button type="button" onClick={() => void analyse(true)} className="rounded border border-amber-400 bg-white px-3 py-1 hover:bg-amber-100">
                  Upload a second copy
                </button>
              </div>
            </div>
          ) : null}
          <div className="mt-4 flex gap-3">
            <button
              type="button"
              onClick={() => void analyse()}
              disabled={!ready || loading || duplicate !== null}
              className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
            >
              Analyse
            </button>
            <button type="button" onClick={cancel} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
              Cancel
            </button>
          </div>
        </section>
      ) : null}

      {phase.kind === 'refused' ? (
        <p className="mt-4 rounded bg-rose-50 p-2 text-sm text-rose-800" role="alert">
          {phase.fileName ? `${phase.fileName}: ` : ''}
          {phase.message}
        </p>
      ) : null}
      {phase.kind === 'storing' ? (
        <p className="mt-4 text-sm text-slate-600" role="status">
          Storing the file…
        </p>
      ) : null}
      {phase.kind === 'analysing' ? (
        <div className="mt-4 text-slate-700" role="status" aria-live="polite">
          <span className="mr-2 text-sm">Run #{phase.runId}:</span>
          <ProgressLine runId={phase.runId} status={phase.status} label="Analysis progress" />
        </div>
      ) : null}
      {phase.kind === 'done' ? (
        <p className="mt-4 text-sm text-emerald-700" role="status">
          Analysis complete (run #{phase.runId}).{' '}
          <Link href={`/?run=${phase.runId}`} className="underline">
            See the results
          </Link>
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
