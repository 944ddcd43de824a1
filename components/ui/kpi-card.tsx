import type { ReactNode } from 'react';
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

/** One headline figure in a card; the figure wraps rather than touching the card's border. */
export function KpiCard({ label, value, unit, hint, hintTitle, term, testId, children }: KpiCardProps) {
  return (
    <section aria-label={label} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">{term ? <Term term={term}>{label}</Term> : label}</h2>
      <p className="mt-2 text-lg font-semibold tabular-nums [overflow-wrap:anywhere] lg:text-2xl xl:text-xl 2xl:text-2xl">
        <span data-testid={testId ?? `kpi-${label.toLowerCase().replace(/\W+/g, '-')}`}>{value}</span>
        {unit ? <span className="ml-1 text-sm font-normal text-slate-500">{unit}</span> : null}
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
