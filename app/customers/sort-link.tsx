'use client';

import Link from 'next/link';
import { useEffect, useRef, type ReactNode } from 'react';

const KEY = 'segmenta:focus-sort';

/** A column's sort link that keeps keyboard focus after the re-sorted table replaces it. */
export function SortLink({ column, href, label, className, children }: { column: string; href: string; label: string; className: string; children: ReactNode }) {
  const ref = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (sessionStorage.getItem(KEY) !== column) return;
    sessionStorage.removeItem(KEY);
    ref.current?.focus();
  }, [column]);
  return (
    <Link ref={ref} href={href} prefetch={false} scroll={false} aria-label={label} className={className} onClick={() => sessionStorage.setItem(KEY, column)}>
      {children}
    </Link>
  );
}
