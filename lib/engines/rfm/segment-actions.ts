import { OTHERS_SEGMENT } from './segment-rules';

// Written for the cells each segment actually wins under DEFAULT_SEGMENT_RULES (R rfm 0.3.0, first
// match wins), not just its bounds; see the per-segment cell table in segment-rules.test.ts.

/** What each default segment looks like, in plain words, for a page to show beside its name. */
export const DEFAULT_SEGMENT_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  Champions: 'Bought most recently, buy most often and spend the most (top score on all three).',
  'Potential Loyalist': 'Recent customers who buy at least averagely often and have spent at least a modest amount.',
  'Loyal Customers': 'Steady mid-range customers: moderate recency, frequency and spend; respond to promotions.',
  'New Customers': 'Bought very recently but only a few times so far.',
  Promising: 'Fairly recent shoppers who have not bought often yet but have spent well.',
  'Need Attention': 'Bought often and spent moderately, but not recently; slipping without a nudge.',
  'About To Sleep': 'Below-average recency, frequency and spend; fading away.',
  'At Risk': 'Spent big, some of them often, but have not bought for a long time.',
  "Can't Lose Them": 'Fairly frequent, high-spending buyers who have gone quiet for a long time.',
  Lost: 'Have not bought for the longest time (lowest recency score); mostly rare buyers or small spenders.',
  [OTHERS_SEGMENT]: 'Customers whose scores match none of the segment rules.',
});

/** A short recommended marketing action per default segment. */
export const DEFAULT_SEGMENT_ACTIONS: Readonly<Record<string, string>> = Object.freeze({
  Champions: 'Reward them; ask for reviews; give early access to new products.',
  'Potential Loyalist': 'Offer membership or a loyalty programme and recommend related products.',
  'Loyal Customers': 'Offer a loyalty programme and upsell higher-value products.',
  'New Customers': 'Welcome them, help them get started and build the relationship early.',
  Promising: 'Build brand awareness and offer an incentive for a repeat purchase.',
  'Need Attention': 'Send limited-time offers and recommendations based on past purchases.',
  'About To Sleep': 'Share popular products and a renewal discount to win them back.',
  'At Risk': 'Send personalised emails and helpful resources to reconnect.',
  "Can't Lose Them": 'Win them back with new products and a personal call; do not lose them to a competitor.',
  Lost: 'Try one recovery campaign; otherwise stop spending on them.',
  [OTHERS_SEGMENT]: 'Review these customers, or adjust the segment rules so they fall into a named segment.',
});

/** Segments whose own action already is to win a lapsed customer back. */
const WIN_BACK_SEGMENTS: ReadonlySet<string> = new Set(['About To Sleep', 'At Risk', "Can't Lose Them", 'Lost']);

/**
 * The action a customer page suggests: its RFM segment's, unless the churn status says the
 * customer has probably stopped buying (Churned) or is slipping (At Risk) while the segment's
 * action assumes a live customer (a Churned "Potential Loyalist" is not offered a membership first).
 * Segments whose action is already a win-back keep it. Null for a segment with no default action.
 * @example
 * suggestedCustomerAction('Potential Loyalist', 'Churned') // 'Win them back first: … If they buy again, the Potential Loyalist action: Offer membership …'
 */
export function suggestedCustomerAction(segment: string, churnStatus: string): string | null {
  const action = DEFAULT_SEGMENT_ACTIONS[segment];
  if (action === undefined) return null;
  if (WIN_BACK_SEGMENTS.has(segment)) return action;
  if (churnStatus === 'Churned') {
    return `Win them back first: they have probably stopped buying (Churned), so one personal win-back offer comes before anything else. If they buy again, the ${segment} action: ${action}`;
  }
  if (churnStatus === 'At Risk') {
    return `Reconnect soon: they are slipping (At Risk), so reach out before their usual next purchase is long overdue. Then the ${segment} action: ${action}`;
  }
  return action;
}
