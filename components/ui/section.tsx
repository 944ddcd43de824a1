import type { ReactNode } from 'react';

/** A titled card for one independent part of a dashboard page. */
export function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** A placeholder for a section's body while its data loads. */
export function Skeleton({ height = 'h-64' }: { height?: string }) {
  return <div aria-busy="true" aria-label="Loading" className={`animate-pulse rounded bg-slate-100 ${height}`} />;
}

/** A placeholder for a whole section: its title bar and body. */
export function SectionSkeleton({ title, height = 'h-64' }: { title: string; height?: string }) {
  return (
    <div aria-busy="true" aria-label={`${title} loading`} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <div className="h-5 w-48 rounded bg-slate-100" />
      <div className={`mt-4 animate-pulse rounded bg-slate-100 ${height}`} />
    </div>
  );
}

export function EmptyState({ children = 'No customers match these filters.' }: { children?: ReactNode }) {
  return <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">{children}</p>;
}
