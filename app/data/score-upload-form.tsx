'use client';

import { useId, useRef, useState } from 'react';
import { apiErrorMessage, type ApiErrorBody } from '@/lib/format/api-error-message';
import { formatInteger } from '@/lib/format/format-number';
import { AskDateOrder, AskTimeZone } from './reading-questions';

type ErrorBody = Partial<ApiErrorBody<{ question?: 'ask-date-order' | 'ask-time-zone'; column?: string; examples?: string[] }>>;

/** A run the form can score against: "#12" or "#14 · snapshot 31 Aug 2011". */
export interface ScoreRunChoice {
  id: number;
  label: string;
}

/** The answers to the file's reading questions, sent with the retry. */
interface ReadingAnswers {
  dateOrder?: 'day-first' | 'month-first';
  timeZone?: string;
}

type Question = { kind: 'ask-date-order' | 'ask-time-zone'; message: string; column: string; examples: string[] };

class ScoreFailure extends Error {
  constructor(
    message: string,
    readonly question?: Question,
  ) {
    super(message);
  }
}

async function failureOf(response: Response, fallback: string): Promise<ScoreFailure> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const message = apiErrorMessage(body) ?? `${fallback} (HTTP ${response.status}).`;
  const asked = body.error;
  const question = asked?.question ? { kind: asked.question, message, column: asked.column ?? 'date', examples: asked.examples ?? [] } : undefined;
  return new ScoreFailure(message, question);
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; message: string }
  | { kind: 'asking'; stagingId: string; fileName: string; question: Question }
  | { kind: 'done'; runId: number; customers: number; asOf: string | null; fileName: string; url: string }
  | { kind: 'failed'; message: string };

/**
 * "Score against run #N": a new file goes through the upload's staging area (same size limits),
 * the server places its customers with the run's stored models, and the scored CSV downloads. A
 * file whose dates read both ways, or whose times are in UTC, is asked about as in the upload's
 * preview, and scored with the answer; a file in another currency than the run's is refused.
 */
export function ScoreUploadForm({ datasetName, runs, defaultRunId }: { datasetName: string; runs: ScoreRunChoice[]; defaultRunId: number }) {
  const [runId, setRunId] = useState(defaultRunId);
  const [currency, setCurrency] = useState('');
  const [answers, setAnswers] = useState<ReadingAnswers>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();

  async function scoreStaged(stagingId: string, fileName: string, given: ReadingAnswers) {
    setPhase({ kind: 'working', message: `Scoring the customers of ${fileName} with run #${runId}…` });
    const body = { stagingId, ...given, ...(currency.trim() ? { currency: currency.trim() } : {}) };
    const scored = await fetch(`/api/runs/${runId}/score`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!scored.ok) throw await failureOf(scored, 'Scoring failed');
    const downloadName = /filename="([^"]+)"/.exec(scored.headers.get('Content-Disposition') ?? '')?.[1] ?? `scored-run-${runId}.csv`;
    const customers = Number(scored.headers.get('X-Scored-Customers') ?? 0);
    const url = URL.createObjectURL(await scored.blob());
    const asOf = scored.headers.get('X-Scored-As-Of');
    setPhase({ kind: 'done', runId, customers, asOf, fileName: downloadName, url });
    const link = document.createElement('a');
    link.href = url;
    link.download = downloadName;
    link.click();
  }

  async function attempt(stagingId: string, fileName: string, given: ReadingAnswers) {
    try {
      await scoreStaged(stagingId, fileName, given);
    } catch (error) {
      if (error instanceof ScoreFailure && error.question) setPhase({ kind: 'asking', stagingId, fileName, question: error.question });
      else setPhase({ kind: 'failed', message: error instanceof Error ? error.message : 'Scoring failed; try again.' });
    }
  }

  async function score(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setPhase({ kind: 'failed', message: 'Choose the transaction file whose customers you want to score.' });
      return;
    }
    if (phase.kind === 'done') URL.revokeObjectURL(phase.url);
    // A new file starts without the last file's answers.
    setAnswers({});
    setPhase({ kind: 'working', message: `Uploading ${file.name}…` });
    const staged = await fetch(`/api/uploads/staging?${new URLSearchParams({ fileName: file.name })}`, { method: 'POST', body: file }).catch(() => null);
    if (!staged?.ok) {
      setPhase({ kind: 'failed', message: staged ? (await failureOf(staged, 'The upload failed')).message : 'The upload was interrupted; check the connection and try again.' });
      return;
    }
    const { stagingId } = (await staged.json()) as { stagingId: string };
    await attempt(stagingId, file.name, {});
  }

  function answer(given: ReadingAnswers) {
    if (phase.kind !== 'asking') return;
    const next = { ...answers, ...given };
    setAnswers(next);
    void attempt(phase.stagingId, phase.fileName, next);
  }

  const working = phase.kind === 'working';
  return (
    <form onSubmit={score} aria-label={`Score new customers against a run of ${datasetName}`} className="space-y-3 text-sm">
      <p className="text-slate-600">
        Places the customers of another file into a run’s RFM segments and clusters, with P(alive) and CLV from the run’s fitted models; nothing is refitted.
        The file is read like an upload and scored as of the day after its last purchase. Its money must be in the run’s currency; the scored file has a
        currency column.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span>File to score</span>
          <input ref={fileInput} type="file" name="file" disabled={working} className="text-sm" />
        </label>
        <label className="flex flex-col gap-1" htmlFor={`${id}-run`}>
          <span>Run</span>
          <select id={`${id}-run`} value={runId} disabled={working} onChange={(e) => setRunId(Number(e.target.value))} className="rounded border border-slate-300 px-2 py-1">
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
                {r.id === defaultRunId ? ' (shown on the dashboard)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1" htmlFor={`${id}-currency`}>
          <span>File’s currency</span>
          <input
            id={`${id}-currency`}
            type="text"
            value={currency}
            maxLength={3}
            disabled={working}
            onChange={(e) => setCurrency(e.target.value)}
            placeholder="as the file says"
            aria-describedby={`${id}-currency-note`}
            className="w-32 rounded border border-slate-300 px-2 py-1 uppercase placeholder:normal-case"
          />
          <span id={`${id}-currency-note`} className="sr-only">
            A three-letter code such as GBP, for a file that does not say its currency; leave empty to use the file’s
          </span>
        </label>
        <button type="submit" disabled={working} className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
          Score against run #{runId}
        </button>
      </div>
      {phase.kind === 'asking' && phase.question.kind === 'ask-date-order' ? (
        <AskDateOrder message={phase.question.message} column={phase.question.column} examples={phase.question.examples} onChoose={(dateOrder) => answer({ dateOrder })} />
      ) : null}
      {phase.kind === 'asking' && phase.question.kind === 'ask-time-zone' ? <AskTimeZone message={phase.question.message} onChoose={(timeZone) => answer({ timeZone })} /> : null}
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
