'use client';

import Link from 'next/link';
import { useId, useState, useTransition } from 'react';
import { findUnreachableRules } from '@/lib/engines/rfm/segment-rules';
import type { SegmentRuleDto } from '@/lib/server/dashboard/segments/get-segment-rules';
import { rerunWithSegmentRulesAction, type RerunWithSegmentRulesResult } from './actions';
import { rerunWithSegmentRulesSchema, SEGMENT_NAME_MAX_LENGTH } from './segment-rules-schema';

type RangeKey = 'recency' | 'frequency' | 'monetary';
interface DraftRule extends SegmentRuleDto {
  key: number;
}

const RANGES: { key: RangeKey; label: string }[] = [
  { key: 'recency', label: 'Recency' },
  { key: 'frequency', label: 'Frequency' },
  { key: 'monetary', label: 'Monetary' },
];
const SCORES = [1, 2, 3, 4, 5];

let nextKey = 0;
const toDraft = (rules: SegmentRuleDto[]): DraftRule[] =>
  rules.map((r) => ({ key: nextKey++, name: r.name, recency: [...r.recency], frequency: [...r.frequency], monetary: [...r.monetary] }));
const toRules = (draft: DraftRule[]): SegmentRuleDto[] => draft.map(({ name, recency, frequency, monetary }) => ({ name, recency, frequency, monetary }));

/** Edit names, score bounds and order of the segment rules, then start a re-run with them. */
export function SegmentRulesEditor({ runId, rulesInForce, defaultRules }: { runId: number; rulesInForce: SegmentRuleDto[]; defaultRules: SegmentRuleDto[] }) {
  const [draft, setDraft] = useState(() => toDraft(rulesInForce));
  const [result, setResult] = useState<RerunWithSegmentRulesResult | null>(null);
  const [pending, startTransition] = useTransition();
  const errorId = useId();

  const parsed = rerunWithSegmentRulesSchema.safeParse({ runId, segmentRules: toRules(draft) });
  const errors = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.message))];
  const unreachable = parsed.success ? findUnreachableRules(parsed.data.segmentRules) : [];

  const update = (index: number, change: Partial<SegmentRuleDto>) => {
    setResult(null);
    setDraft((rules) => rules.map((r, i) => (i === index ? { ...r, ...change } : r)));
  };
  const move = (index: number, by: -1 | 1) => {
    setResult(null);
    setDraft((rules) => {
      const next = [...rules];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  };
  const replace = (rules: DraftRule[]) => {
    setResult(null);
    setDraft(rules);
  };

  return (
    <form
      className="mt-3"
      aria-label="Edit segment rules"
      onSubmit={(event) => {
        event.preventDefault();
        if (!parsed.success) return;
        startTransition(async () => setResult(await rerunWithSegmentRulesAction(parsed.data)));
      }}
    >
      <p className="mb-3 text-sm text-slate-600">
        Rules are tried from the top; a customer joins the first segment whose three score ranges (1 to 5, both ends included) hold their scores.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">Editable segment rules</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-2">#</th>
              <th scope="col" className="pr-2">Segment name</th>
              {RANGES.map((r) => (
                <th key={r.key} scope="col" className="pr-2">
                  {r.label} score
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">Order and removal</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.map((rule, i) => {
              const label = `rule ${i + 1}${rule.name.trim() ? ` (${rule.name.trim()})` : ''}`;
              return (
                <tr key={rule.key} className="border-t border-slate-100">
                  <td className="py-1 pr-2 tabular-nums">{i + 1}</td>
                  <td className="pr-2">
                    <input
                      value={rule.name}
                      maxLength={SEGMENT_NAME_MAX_LENGTH + 10}
                      onChange={(e) => update(i, { name: e.target.value })}
                      aria-label={`Name of rule ${i + 1}`}
                      aria-describedby={errors.length > 0 ? errorId : undefined}
                      className="w-full min-w-36 rounded border border-slate-300 px-2 py-1"
                    />
                  </td>
                  {RANGES.map((range) => (
                    <td key={range.key} className="pr-2 whitespace-nowrap">
                      {([0, 1] as const).map((end) => (
                        <span key={end}>
                          {end === 1 ? <span className="mr-1 text-slate-500">to</span> : null}
                          <select
                            value={rule[range.key][end]}
                            onChange={(e) => {
                              const bounds: [number, number] = [...rule[range.key]];
                              bounds[end] = Number(e.target.value);
                              update(i, { [range.key]: bounds });
                            }}
                            aria-label={`${range.label} ${end === 0 ? 'lowest' : 'highest'} score of ${label}`}
                            className="mr-1 rounded border border-slate-300 px-1 py-1"
                          >
                            {SCORES.map((s) => (
                              <option key={s} value={s}>
                                {s}
                              </option>
                            ))}
                          </select>
                        </span>
                      ))}
                    </td>
                  ))}
                  <td className="whitespace-nowrap">
                    <button type="button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${label} up`} className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-30">
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={i === draft.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={`Move ${label} down`}
                      className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-30"
                    >
                      ↓
                    </button>
                    <button type="button" onClick={() => replace(draft.filter((_, j) => j !== i))} aria-label={`Remove ${label}`} className="rounded px-2 py-1 text-rose-700 hover:bg-rose-50">
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap gap-2 text-sm">
        <button
          type="button"
          onClick={() => replace([...draft, ...toDraft([{ name: '', recency: [1, 5], frequency: [1, 5], monetary: [1, 5] }])])}
          className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
        >
          Add a rule
        </button>
        <button type="button" onClick={() => replace(toDraft(rulesInForce))} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          Undo changes
        </button>
        <button type="button" onClick={() => replace(toDraft(defaultRules))} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          Use the default rules
        </button>
      </div>
      <div aria-live="polite" className="mt-3 text-sm">
        {errors.length > 0 ? (
          <ul id={errorId} role="alert" className="list-disc rounded bg-rose-50 py-2 pr-3 pl-6 text-rose-800">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
        {unreachable.length > 0 ? (
          <p className="rounded bg-amber-50 p-2 text-amber-800">
            {unreachable.map((k) => `Rule ${k + 1} (${draft[k].name.trim()})`).join(', ')} will have no customers: the rules above
            {unreachable.length === 1 ? ' it' : ' them'} already take every score combination
            {unreachable.length === 1 ? ' it covers' : ' they cover'}.
          </p>
        ) : null}
        {result?.ok === false ? (
          <p role="alert" className="rounded bg-rose-50 p-2 text-rose-800">
            {result.error}
          </p>
        ) : null}
        {result?.ok ? (
          <p role="status" className="rounded bg-emerald-50 p-2 text-emerald-800">
            Run #{result.runId} started with these rules.{' '}
            <Link href="/data" className="underline">
              Follow its progress on the Data page
            </Link>
            ; when it has finished, <Link href={`/segments?run=${result.runId}`} className="underline">open its segments</Link>.
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={!parsed.success || pending}
        className="mt-3 rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? 'Starting the run…' : 'Re-run the analysis with these rules'}
      </button>
    </form>
  );
}
