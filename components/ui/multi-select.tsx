'use client';

import { Command } from 'cmdk';
import { useId, useState, type KeyboardEvent } from 'react';
import { formatCount, formatInteger } from '@/lib/format/format-number';
import { Popover } from './popover';

/** One choice of a picker: what goes in the URL, what the user reads, how many customers it holds. */
export interface MultiSelectOption {
  value: string;
  label: string;
  count: number;
}

/** "Any country", "France, Germany", "3 countries". */
export function multiSelectSummary(options: readonly MultiSelectOption[], selected: readonly string[], noun: string, pluralNoun = `${noun}s`): string {
  if (selected.length === 0) return `Any ${noun}`;
  if (selected.length > 2) return formatCount(selected.length, noun, pluralNoun);
  return selected.map((v) => options.find((o) => o.value === v)?.label ?? v).join(', ');
}

// Options whose label starts with the typed text first, then those that contain it; no fuzzy matches ("Franc" is France only).
function containsFilter(value: string, search: string, keywords?: string[]): number {
  const needle = search.trim().toLowerCase();
  if (!needle) return 1;
  const texts = [value, ...(keywords ?? [])].map((t) => t.toLowerCase());
  if (texts.some((t) => t.startsWith(needle))) return 1;
  return texts.some((t) => t.includes(needle)) ? 0.5 : 0;
}

/**
 * A searchable multi-select combobox (cmdk in a Radix popover): type to narrow the list, arrows to
 * move, Enter (or Space when the search box is empty) to tick or untick, Escape to close with
 * focus back on the button, which says what is chosen.
 */
export function MultiSelect({
  label,
  noun,
  pluralNoun,
  options,
  value,
  onChange,
}: {
  label: string;
  /** Singular noun for the summary: "country" gives "Any country" and "3 countries". */
  noun: string;
  pluralNoun?: string;
  options: readonly MultiSelectOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const toggle = (v: string) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  const summary = multiSelectSummary(options, value, noun, pluralNoun);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== ' ' || search !== '') return;
    const active = event.currentTarget.querySelector<HTMLElement>('[cmdk-item][aria-selected="true"]');
    const v = active?.getAttribute('data-option');
    if (v === null || v === undefined) return;
    event.preventDefault();
    toggle(v);
  };
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <span id={`${id}-label`}>{label}</span>
      <Popover
        align="start"
        contentClassName="w-80 max-w-[90vw] p-0"
        contentLabel={`Choose ${label.toLowerCase()}`}
        onOpenChange={(open) => {
          if (!open) setSearch('');
        }}
        triggerProps={{
          'aria-labelledby': `${id}-label ${id}-value`,
          className:
            'flex w-full min-w-0 items-center justify-between gap-2 rounded border border-slate-300 bg-white px-2 py-1 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600',
        }}
        trigger={
          <>
            <span id={`${id}-value`} className={`truncate ${value.length === 0 ? 'text-slate-500' : ''}`} title={summary}>
              {summary}
            </span>
            <span aria-hidden="true" className="text-slate-400">
              ▾
            </span>
          </>
        }
      >
        <Command label={`Search ${label.toLowerCase()}`} filter={containsFilter} onKeyDown={onKeyDown} className="flex flex-col">
          <Command.Input
            value={search}
            onValueChange={setSearch}
            placeholder={`Search ${label.toLowerCase()}…`}
            className="border-b border-slate-200 px-3 py-2 outline-none"
          />
          <Command.List label={label} className="max-h-72 overflow-y-auto p-1">
            <Command.Empty className="px-3 py-2 text-slate-500">Nothing matches “{search}”.</Command.Empty>
            {options.map((option) => {
              const checked = value.includes(option.value);
              return (
                <Command.Item
                  key={option.value}
                  value={option.value}
                  keywords={[option.label]}
                  data-option={option.value}
                  aria-checked={checked}
                  onSelect={() => toggle(option.value)}
                  className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 data-[selected=true]:bg-indigo-50"
                >
                  <span aria-hidden="true" className={`w-4 text-indigo-700 ${checked ? '' : 'invisible'}`}>
                    ✓
                  </span>
                  <span className="min-w-0 flex-1 break-words">{option.label}</span>
                  <span className="tabular-nums text-slate-500">{formatInteger(option.count)}</span>
                </Command.Item>
              );
            })}
          </Command.List>
        </Command>
        {value.length > 0 ? (
          <div className="flex justify-between border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
            <span>{formatCount(value.length, 'chosen', 'chosen')}</span>
            <button type="button" className="underline" onClick={() => onChange([])}>
              Clear {label.toLowerCase()}
            </button>
          </div>
        ) : null}
      </Popover>
    </div>
  );
}
