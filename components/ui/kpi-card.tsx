import type { CSSProperties, ReactNode } from 'react';
import type { GlossaryTerm } from '@/lib/format/glossary';
import { Term } from './term';

export interface KpiCardProps {
  label: string;
  value: string;
  /** Shown after the value, outside its test id's text: a currency code. */
  unit?: string | null;
  hint?: string;
  /** A longer explanation of the hint, shown on hover (the hint itself must say the gist). */
  hintTitle?: string;
  /** A glossary term the label is: shown with its explanation on hover and focus. */
  term?: GlossaryTerm;
  /** Defaults to kpi-<label in kebab case>. */
  testId?: string;
  /** Notes the figure must carry (a CLV caveat, a P(alive) note), inside the card below the hint. */
  children?: ReactNode;
}

/**
 * Widest the figure may be set, per character of its longest word: a word of n characters gets at
 * most 100cqi / (n × 0.7) (the card’s content width), 0.7 em being a bold tabular digit’s width in the widest common sans-serif (DejaVu Sans).
 */
const EM_PER_CHARACTER = 0.7;

/**
 * One headline figure in a card. The figure breaks only between words ("1,067 of 4,372"), never inside
 * a number (no "£5,641,221." / "12"): where the card is narrow its font shrinks until the longest word fits.
 */
export function KpiCard({ label, value, unit, hint, hintTitle, term, testId, children }: KpiCardProps) {
  const longestWord = Math.max(1, ...value.split(/\s+/).map((word) => word.length));
  const fit = { '--kpi-fit': `${(100 / (longestWord * EM_PER_CHARACTER)).toFixed(2)}cqi` } as CSSProperties;
  return (
    <section aria-label={label} className="@container min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">{term ? <Term term={term}>{label}</Term> : label}</h2>
      <p
        style={fit}
        className="mt-2 text-[length:min(var(--text-lg),var(--kpi-fit))] font-semibold tabular-nums lg:text-[length:min(var(--text-2xl),var(--kpi-fit))] xl:text-[length:min(var(--text-xl),var(--kpi-fit))] 2xl:text-[length:min(var(--text-2xl),var(--kpi-fit))]"
      >
        <span data-testid={testId ?? `kpi-${label.toLowerCase().replace(/\W+/g, '-')}`}>{value}</span>
        {unit ? (
          <>
            {' '}
            <span className="text-sm font-normal text-slate-500">{unit}</span>
          </>
        ) : null}
      </p>
      {hint ? (
        <p className="mt-1 text-xs text-slate-500" title={hintTitle}>
          {hint}
        </p>
      ) : null}
      {children}
    </section>
  );
}

export function KpiCardSkeleton() {
  return <div className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" />;
}
