import type { RunMoneyDto } from '../server/dashboard/get-run-money';

/** How a run counted money, in words: 'net of refunds', 'gross', or null for a run that predates the choice. */
export function valueBasisWords(basis: RunMoneyDto['valueBasis']): string | null {
  return basis === 'net' ? 'net of refunds' : basis === 'gross' ? 'gross' : null;
}

/** "net of refunds, AUD": the value basis and currency a money figure of the run is in; '' when neither is known. */
export function moneyNote(money: RunMoneyDto, { currency = true }: { currency?: boolean } = {}): string {
  return [valueBasisWords(money.valueBasis), currency ? money.currency : null].filter(Boolean).join(', ');
}

/** "Revenue (net of refunds, AUD)": a label of a customer's value or revenue with the run's basis and currency. */
export function moneyLabel(label: string, money: RunMoneyDto, options?: { currency?: boolean }): string {
  const note = moneyNote(money, options);
  return note ? `${label} (${note})` : label;
}
