import type { ReactNode } from 'react';

export interface KpiCardProps {
  label: string;
  value: string;
  /** Shown after the value, outside its test id's text: a currency code. */
  unit?: string | null;
  hint?: string;
  /** Defaults to kpi-<label in kebab case>. */
  testId?: string;
  /** Notes the figure must carry (a CLV caveat, a P(alive) note), inside the card below the hint. */
  children?: ReactNode;
}

export function KpiCard({ label, value, unit, hint, testId, children }: KpiCardProps) {
  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</h2>
      <p className="mt-2 text-xl font-semibold tabular-nums lg:text-2xl xl:text-xl 2xl:text-2xl">
        <span data-testid={testId ?? `kpi-${label.toLowerCase().replace(/\W+/g, '-')}`}>{value}</span>
        {unit ? <span className="ml-1 text-sm font-normal text-slate-500">{unit}</span> : null}
      </p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {children}
    </section>
  );
}

export function KpiCardSkeleton() {
  return <div className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" />;
}
