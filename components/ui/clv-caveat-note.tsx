/** The sentence a run's CLV figures carry (the model lost to the naive baseline, was not validated, ...), shown beside them. */
export function ClvCaveatNote({ caveat, compact = false, className = '' }: { caveat: string | null; compact?: boolean; className?: string }) {
  if (!caveat) return null;
  const size = compact ? 'px-2 py-1 text-xs' : 'px-3 py-2 text-sm';
  return (
    <p role="note" aria-label="CLV caveat" className={`rounded border border-amber-200 bg-amber-50 text-amber-900 ${size} ${className}`}>
      <strong className="font-semibold">CLV caveat:</strong> {caveat}
    </p>
  );
}
