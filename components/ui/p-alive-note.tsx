/** Why P(alive) is hidden for some or all customers of a run, shown beside a P(alive) figure. */
export function PAliveNote({ note, compact = false, className = '' }: { note: string | null; compact?: boolean; className?: string }) {
  if (!note) return null;
  return (
    <p role="note" aria-label="P(alive) note" className={`text-slate-600 ${compact ? 'text-xs' : 'text-sm'} ${className}`}>
      {note}
    </p>
  );
}
