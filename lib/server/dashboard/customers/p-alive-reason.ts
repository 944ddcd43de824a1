import type { LifetimeValueNotesDto } from '../lifetime-value/get-lifetime-value-notes';

/** Shown in place of a P(alive) that BG/NBD fixes at 100 % for a customer without a repeat purchase. */
export const ONE_PURCHASE_REASON = 'one purchase: the model cannot tell';

/**
 * Why a customer has no P(alive), in words; null when it has one. Under BG/NBD a one-time buyer's
 * P(alive) is 100 % by construction; otherwise the run's note says why (the dropout is not
 * identified), or the lifetime-value stage did not run.
 */
export function pAliveReason(notes: LifetimeValueNotesDto, customer: { pAlive: number | null; frequency: number }): string | null {
  if (customer.pAlive !== null) return null;
  if (!notes.ran) return `no lifetime-value model in this run${notes.skippedReason ? `: ${notes.skippedReason}` : ''}`;
  // pAliveShown 0: nobody's P(alive) is shown, so the run-wide reason (dropout not identified) applies to one-time buyers too.
  if (notes.model === 'bgnbd' && customer.frequency <= 1 && notes.pAliveShown !== 0) return ONE_PURCHASE_REASON;
  return notes.pAliveNote ?? 'the model gives no P(alive) for this customer';
}
