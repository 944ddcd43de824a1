'use client';

import { useState } from 'react';
import type { FileReading } from '@/lib/engines/ingest/types';
import type { UploadSettings } from '@/lib/schemas/upload-request-schema';
import { isoCurrency } from '@/lib/format/format-number';

const input = 'rounded border border-slate-300 px-2 py-1';

/** A text setting applied when the field is left or Enter is pressed, so a half-typed name is never read. */
function CommittedText({
  label,
  value,
  placeholder,
  hint,
  warning,
  onCommit,
}: {
  label: string;
  value: string;
  placeholder: string;
  hint: string;
  /** Shown instead of the hint when the value needs a second look. */
  warning?: string | null;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // A new committed value (another file, a reset) replaces the draft.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <label className="flex w-72 flex-col gap-1">
      {label}
      <input
        type="text"
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
        className={input}
      />
      {warning ? (
        <span role="note" className="text-xs text-amber-800">
          {warning}
        </span>
      ) : (
        <span className="text-xs text-slate-500">{hint}</span>
      )}
    </label>
  );
}

/**
 * Every reading setting the preview detected, editable: date order, decimal separator, time
 * zone, currency, value basis and the worksheet of a workbook. Each change reads the preview again.
 */
export function UploadSettingsPanel({
  settings,
  reading,
  currencyNote,
  currencyHint,
  currencyChoices,
  onChange,
  disabled,
}: {
  settings: UploadSettings;
  reading: FileReading | null;
  /** Said under the currency when a typed one differs from what the file states. */
  currencyNote?: string | null;
  /** What the file says about its currency and where it says it, or the question to answer. */
  currencyHint?: string | null;
  /** The currencies a shared symbol in the amounts may stand for; one is applied only when clicked. */
  currencyChoices?: { codes: readonly string[]; use: (code: string) => void } | null;
  onChange: (settings: UploadSettings) => void;
  disabled?: boolean;
}) {
  const set = <K extends keyof UploadSettings>(key: K, value: UploadSettings[K] | undefined) => {
    const next = { ...settings };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const dateOrder = settings.dateOrder ?? reading?.dateOrder ?? '';
  const decimal = settings.decimalSeparator ?? reading?.decimalSeparator ?? '.';
  return (
    <fieldset className="mt-3 flex flex-wrap items-start gap-x-5 gap-y-3 text-sm" disabled={disabled}>
      <legend className="mb-1 w-full text-sm font-medium">Settings</legend>
      <label className="flex flex-col gap-1">
        Date order
        <select value={dateOrder} onChange={(e) => set('dateOrder', (e.target.value || undefined) as UploadSettings['dateOrder'])} className={input}>
          {dateOrder === '' ? <option value="">{reading ? 'Not needed (year first)' : 'Choose'}</option> : null}
          <option value="day-first">Day/Month/Year</option>
          <option value="month-first">Month/Day/Year</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Decimal separator
        <select value={decimal} onChange={(e) => set('decimalSeparator', e.target.value as '.' | ',')} className={input}>
          <option value=".">Point: 1,249.50</option>
          <option value=",">Comma: 1.249,50</option>
        </select>
      </label>
      <CommittedText
        label="Time zone"
        value={settings.timeZone ?? ''}
        placeholder={reading?.timeZone ?? 'Europe/London'}
        hint="The store’s IANA name; days are counted in its calendar."
        onCommit={(value) => set('timeZone', value)}
      />
      <CommittedText
        label="Currency"
        value={settings.currency ?? ''}
        placeholder={isoCurrency(reading?.currency) ?? 'code, e.g. EUR'}
        hint={currencyHint ?? 'Three-letter code, when the file does not say it.'}
        warning={currencyNote}
        onCommit={(value) => set('currency', value)}
      />
      {currencyChoices ? (
        <fieldset className="flex w-72 flex-col items-start gap-1 self-end text-xs text-slate-600">
          <legend className="mb-1">Which currency is it?</legend>
          <span className="flex flex-wrap gap-1">
            {currencyChoices.codes.map((code) => (
              <button
                key={code}
                type="button"
                disabled={disabled}
                onClick={() => currencyChoices.use(code)}
                className="rounded border border-indigo-300 px-2 py-0.5 text-sm text-indigo-700 hover:bg-indigo-50"
              >
                {code}
              </button>
            ))}
          </span>
        </fieldset>
      ) : null}
      <label className="flex flex-col gap-1">
        Revenue counted
        <select value={settings.value ?? 'net'} onChange={(e) => set('value', e.target.value as 'net' | 'gross')} className={input}>
          <option value="net">Net of refunds</option>
          <option value="gross">Gross (refunds ignored)</option>
        </select>
      </label>
      {reading?.format === 'xlsx' ? (
        <label className="flex flex-col gap-1">
          Worksheet
          <select value={settings.sheet ?? reading.sheet ?? ''} onChange={(e) => set('sheet', e.target.value)} className={input}>
            {reading.sheets.map((sheet) => (
              <option key={sheet} value={sheet}>
                {sheet}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </fieldset>
  );
}
