import { formatPAlive } from '@/lib/format/format-number';
import { noPAliveLabel } from '@/lib/format/no-p-alive-label';

/** Shown in full; longer reasons (a run-wide note shown once beside the table) go to the title. */
const SHORT_REASON = 48;

/** A customer's P(alive), or "—" with why the model cannot tell; never a probability it does not have. */
export function PAliveValue({ pAlive, reason }: { pAlive: number | null; reason: string | null }) {
  if (pAlive !== null) return <>{formatPAlive(pAlive)}</>;
  if (!reason) return <>–</>;
  const short = reason.length <= SHORT_REASON;
  return (
    <span title={reason}>
      <span aria-hidden="true">—</span>
      <span className={short ? 'ml-auto block w-28 text-[11px] leading-tight text-slate-500' : 'sr-only'}>{short ? reason : noPAliveLabel(reason)}</span>
      {short ? null : <span aria-hidden="true" className="block text-[11px] leading-tight text-slate-500">see note</span>}
    </span>
  );
}
