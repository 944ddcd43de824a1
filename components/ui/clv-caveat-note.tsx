/** The sentence a run's CLV figures carry (the model lost to the naive baseline, was not validated, ...), shown beside them. */
export function ClvCaveatNote({ caveat, className = '' }: { caveat: string | null; className?: string }) {
  if (!caveat) return null;
  return (
    <p role="note" aria-label="CLV caveat" className={`rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 ${className}`}>
      <strong className="font-semibold">CLV caveat:</strong> {caveat}
    </p>
  );
}
