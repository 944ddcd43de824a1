/**
 * What a screen reader hears for a missing P(alive): its reason (a run note such as "P(alive) is
 * not shown: …", or "one purchase: the model cannot tell"), led by "no P(alive): " only when the
 * reason does not already start by naming P(alive), so it is said once.
 */
export function noPAliveLabel(reason: string): string {
  return /^P\(alive\)/.test(reason.trimStart()) ? reason : `no P(alive): ${reason}`;
}
