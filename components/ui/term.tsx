'use client';

import { useId, useState, type ReactNode } from 'react';
import { explainTerm, type GlossaryTerm } from '@/lib/format/glossary';

/**
 * A model term with a dotted underline whose plain-English explanation shows on hover and on
 * keyboard focus (Escape hides it) and is the term's accessible description for screen readers.
 */
export function Term({ term, children }: { term: GlossaryTerm; children?: ReactNode }) {
  const id = useId();
  const [dismissed, setDismissed] = useState(false);
  return (
    <span className="group relative inline-block" onMouseLeave={() => setDismissed(false)}>
      <span
        tabIndex={0}
        aria-describedby={id}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDismissed(true);
        }}
        onBlur={() => setDismissed(false)}
        className="cursor-help underline decoration-slate-400 decoration-dotted underline-offset-2 focus-visible:rounded focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {children ?? term}
      </span>
      <span
        id={id}
        role="tooltip"
        className={`pointer-events-none absolute left-0 top-full z-30 mt-1 hidden w-64 rounded bg-slate-900 px-2 py-1.5 text-left text-xs font-normal normal-case leading-snug tracking-normal text-white shadow-lg ${dismissed ? '' : 'group-hover:block group-focus-within:block'}`}
      >
        {explainTerm(term)}
      </span>
    </span>
  );
}
