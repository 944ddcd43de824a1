'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A horizontally scrolling region for a wide table: focusable and named, so keyboard users can
 * scroll it; positioned, so screen-reader-only (absolute) text in its cells is clipped by it, not
 * the page. When the table is wider than the region, a "scroll →" hint shows below it and a fade
 * marks the right edge until the region is scrolled to its end; a table that fits shows neither
 * (the fade would hide its last column). Before the page is interactive the hint and fade show
 * below the `hintBelow` width, where the table usually overflows.
 */
export function ScrollTable({ label, children, hintBelow = 'xl' }: { label: string; children: ReactNode; hintBelow?: 'lg' | 'xl' | '2xl' }) {
  const region = useRef<HTMLDivElement>(null);
  // null until measured in the browser.
  const [overflows, setOverflows] = useState<boolean | null>(null);
  const [atEnd, setAtEnd] = useState(false);

  useEffect(() => {
    const element = region.current;
    if (!element) return;
    const measure = () => {
      setOverflows(element.scrollWidth > element.clientWidth + 1);
      setAtEnd(element.scrollLeft + element.clientWidth >= element.scrollWidth - 1);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);

  const hide = hintBelow === 'lg' ? 'lg:hidden' : hintBelow === 'xl' ? 'xl:hidden' : '2xl:hidden';
  const hintClass = overflows === null ? hide : overflows ? '' : 'hidden';
  const fadeClass = overflows === null ? hide : overflows && !atEnd ? '' : 'hidden';
  return (
    <div className="relative min-w-0">
      <div ref={region} role="region" aria-label={label} tabIndex={0} className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600">
        {children}
      </div>
      <div aria-hidden="true" className={`pointer-events-none absolute inset-y-0 right-0 w-8 bg-gradient-to-l from-white ${fadeClass}`} />
      <p aria-hidden="true" className={`mt-1 text-right text-xs text-slate-500 ${hintClass}`}>
        scroll →
      </p>
    </div>
  );
}
