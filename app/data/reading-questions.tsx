'use client';

import { useState } from 'react';

/** The question for dates that read both ways: which order the file writes them in. */
export function AskDateOrder({
  message,
  column,
  examples,
  onChoose,
}: {
  message: string;
  column: string;
  examples: readonly string[];
  onChoose: (dateOrder: 'day-first' | 'month-first') => void;
}) {
  return (
    <div role="alert" className="mt-3 rounded bg-amber-50 p-3 text-sm text-amber-900">
      <p>{message}</p>
      {examples.length > 0 ? (
        <p className="mt-1">
          Dates in “{column}”: {examples.join(', ')}
        </p>
      ) : null}
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={() => onChoose('day-first')} className="rounded border border-amber-300 bg-white px-3 py-1">
          Day/Month/Year
        </button>
        <button type="button" onClick={() => onChoose('month-first')} className="rounded border border-amber-300 bg-white px-3 py-1">
          Month/Day/Year
        </button>
      </div>
    </div>
  );
}

/** The IANA zones this browser knows, for the typed answer's suggestions. */
const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/**
 * The question for a file stamped in UTC: the store's zone (this browser's is offered when it is
 * not UTC, by a button that names it), or UTC days on purpose. `typeHint` says where else a zone
 * can be typed, when the form has such a field.
 */

export function AskTimeZone({ message, onChoose, typeHint }: { message: string; onChoose: (timeZone: string) => void; typeHint?: string }) {
  const [typed, setTyped] = useState('');
  // Rendered only after an answer from the server, in the browser: its zone is known here.
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div role="alert" className="mt-3 rounded bg-amber-50 p-3 text-sm text-amber-900">
      <p>{message}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        {browserZone && browserZone !== 'UTC' && browserZone !== 'Etc/UTC' ? (
          <button type="button" onClick={() => onChoose(browserZone)} className="rounded border border-amber-300 bg-white px-3 py-1">
            Use {browserZone} (this browser’s zone)
          </button>
        ) : null}
        <button type="button" onClick={() => onChoose('UTC')} className="rounded border border-amber-300 bg-white px-3 py-1">
          Count days in UTC
        </button>
      </div>
      {/* Inside the upload and scoring forms: a group, not a form of its own; Enter answers here instead of submitting them. */}
      <div role="group" aria-label="Another time zone" className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1">
          Another zone (the store’s IANA name)
          <input
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              if (typed.trim()) onChoose(typed.trim());
            }}
            list="segmenta-time-zones"
            placeholder="Europe/London"
            className="rounded border border-amber-300 bg-white px-2 py-1"
          />
        </label>
        <datalist id="segmenta-time-zones">
          {TIME_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <button type="button" disabled={!typed.trim()} onClick={() => onChoose(typed.trim())} className="rounded border border-amber-300 bg-white px-3 py-1 disabled:opacity-50">
          Use this zone
        </button>
      </div>
      {typeHint ? <p className="mt-1 text-xs">{typeHint}</p> : null}
    </div>
  );
}
