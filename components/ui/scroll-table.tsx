import type { ReactNode } from 'react';

/**
 * A horizontally scrolling region for a wide table: focusable and named, so keyboard users can
 * scroll it, with a fade on the right edge and a "scroll →" hint below the widths where it overflows;
 * positioned, so screen-reader-only (absolute) text in its cells is clipped by it, not the page.
 */
export function ScrollTable({ label, children, hintBelow = 'xl' }: { label: string; children: ReactNode; hintBelow?: 'lg' | 'xl' | '2xl' }) {
  const hide = hintBelow === 'lg' ? 'lg:hidden' : hintBelow === 'xl' ? 'xl:hidden' : '2xl:hidden';
  return (
    <div className="relative">
      <div role="region" aria-label={label} tabIndex={0} className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600">
        {children}
      </div>
      <div aria-hidden="true" className={`pointer-events-none absolute inset-y-0 right-0 w-8 bg-gradient-to-l from-white ${hide}`} />
      <p aria-hidden="true" className={`mt-1 text-right text-xs text-slate-500 ${hide}`}>
        scroll →
      </p>
    </div>
  );
}
