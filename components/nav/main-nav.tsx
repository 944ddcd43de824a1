'use client';

import Link from 'next/link';
import { useEffect, useSyncExternalStore } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { NAV_ITEMS, navHref } from './nav-links';

function isCurrent(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The main menu as links built from `search`; the current page is marked. */
export function NavLinks({ search }: { search: string }) {
  const pathname = usePathname();
  const current = new URLSearchParams(search);
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
      {NAV_ITEMS.map((item) => {
        const active = isCurrent(item.href, pathname);
        return (
          <Link
            key={item.href}
            href={navHref(item, current)}
            aria-current={active ? 'page' : undefined}
            className={`focus-visible:outline-2 focus-visible:outline-indigo-600 ${active ? 'font-semibold text-indigo-700' : 'text-slate-600 hover:text-slate-900'}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

// Pages that answer "Not found" mark themselves here, so the menu does not carry their URL's unknown run onwards.
let notFoundPages = 0;
const listeners = new Set<() => void>();
const notFoundStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  shown: () => notFoundPages > 0,
  change(by: number) {
    notFoundPages += by;
    for (const listener of listeners) listener();
  },
};

/** Rendered by the "Not found" page: while it shows, the menu links to the latest results, without the URL's run and filters. */
export function MenuForgetsUrl() {
  useEffect(() => {
    notFoundStore.change(1);
    return () => notFoundStore.change(-1);
  }, []);
  return null;
}

/** The main menu that keeps the user's run and filters on every dashboard page (and the run on Data and Audiences). */
export function MainNav() {
  const searchParams = useSearchParams();
  const notFound = useSyncExternalStore(notFoundStore.subscribe, notFoundStore.shown, () => false);
  return <NavLinks search={notFound ? '' : searchParams.toString()} />;
}
