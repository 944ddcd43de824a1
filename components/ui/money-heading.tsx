import { moneyNote } from '@/lib/format/money-label';
import type { RunMoneyDto } from '@/lib/server/dashboard/get-run-money';

/** A column heading of money: the label, with the run's value basis (and currency) on a line beneath. */
export function MoneyHeading({ label, money, currency = true }: { label: string; money: RunMoneyDto; currency?: boolean }) {
  const note = moneyNote(money, { currency });
  return (
    <>
      {label}
      {note ? ' ' : null}
      {note ? <span className="block whitespace-nowrap text-[11px] font-normal normal-case tracking-normal">({note})</span> : null}
    </>
  );
}
