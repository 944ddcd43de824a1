export interface KpiCardProps {
  label: string;
  value: string;
  hint?: string;
}

export function KpiCard({ label, value, hint }: KpiCardProps) {
  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</h2>
      <p className="mt-2 text-xl font-semibold tabular-nums lg:text-2xl xl:text-xl 2xl:text-2xl" data-testid={`kpi-${label.toLowerCase().replace(/\W+/g, '-')}`}>
        {value}
      </p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </section>
  );
}

export function KpiCardSkeleton() {
  return <div className="h-24 animate-pulse rounded-lg border border-slate-200 bg-white" />;
}
