import { OTHERS_SEGMENT } from './segment-rules';

/** What each default segment looks like, in plain words, for a page to show beside its name. */
export const DEFAULT_SEGMENT_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  Champions: 'Bought recently, buy often and spend the most.',
  'Loyal Customers': 'Buy regularly and spend well; respond to promotions.',
  'Potential Loyalist': 'Recent customers with modest frequency and spend who could become loyal.',
  'New Customers': 'Bought very recently for the first time or two, and spent little so far.',
  Promising: 'Fairly recent shoppers who have not bought often or spent much yet.',
  'Need Attention': 'Middling recency, frequency and spend; slipping without a nudge.',
  'About To Sleep': 'Below-average recency, frequency and spend; fading away.',
  'At Risk': 'Used to buy often and spend well, but not for a while.',
  "Can't Lose Them": 'Among the biggest and most frequent buyers, yet gone quiet for a long time.',
  Lost: 'Last bought long ago, rarely, and for little.',
  [OTHERS_SEGMENT]: 'Customers whose scores match none of the segment rules.',
});

/** A short recommended marketing action per default segment. */
export const DEFAULT_SEGMENT_ACTIONS: Readonly<Record<string, string>> = Object.freeze({
  Champions: 'Reward them; ask for reviews; give early access to new products.',
  'Loyal Customers': 'Offer a loyalty programme and upsell higher-value products.',
  'Potential Loyalist': 'Offer membership or a loyalty programme and recommend related products.',
  'New Customers': 'Welcome them, help them get started and build the relationship early.',
  Promising: 'Build brand awareness and offer free trials or a small first-repeat discount.',
  'Need Attention': 'Send limited-time offers and recommendations based on past purchases.',
  'About To Sleep': 'Share popular products and a renewal discount to win them back.',
  'At Risk': 'Send personalised emails and helpful resources to reconnect.',
  "Can't Lose Them": 'Win them back with new products and a personal call; do not lose them to a competitor.',
  Lost: 'Try one recovery campaign; otherwise stop spending on them.',
  [OTHERS_SEGMENT]: 'Review these customers, or adjust the segment rules so they fall into a named segment.',
});
