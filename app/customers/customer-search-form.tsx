'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';

/** Search by customer id prefix; keeps the filters and sort, starts again on page 1. */
export function CustomerSearchForm({ initial }: { initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [q, setQ] = useState(initial);
  return (
    <form
      role="search"
      className="flex flex-wrap items-end gap-2 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        const params = new URLSearchParams(searchParams.toString());
        params.delete('page');
        if (q.trim()) params.set('q', q.trim());
        else params.delete('q');
        const query = params.toString();
        router.push(query ? `${pathname}?${query}` : pathname);
      }}
    >
      <label className="flex flex-col gap-1">
        Customer id starts with
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={64}
          className="w-56 rounded border border-slate-300 px-2 py-1"
          placeholder="e.g. 1746"
        />
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
        Search
      </button>
    </form>
  );
}
