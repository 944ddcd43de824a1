import { formatCount } from './format-number';

/** Model and analysis terms a marketer meets on the dashboard, each with one plain-English line. */
export const GLOSSARY = {
  r: 'Model parameter r: the shape of how purchase rates spread between customers.',
  alpha: 'Model parameter alpha: the scale of how purchase rates spread between customers.',
  a: 'Model parameter a: with b, how likely a customer is to stop buying after a purchase.',
  b: 'Model parameter b: with a, how likely a customer is to stop buying after a purchase.',
  s: 'Model parameter s: the shape of how the rates at which customers stop buying spread.',
  beta: 'Model parameter beta: the scale of how the rates at which customers stop buying spread.',
  p: 'Model parameter p: the shape of the value of each order.',
  q: 'Model parameter q: the shape of how average spend spreads between customers.',
  gamma: 'Model parameter gamma: the scale of average spend between customers.',
  orders: 'Orders: distinct purchases (invoices, orders or payments); two orders on the same day count twice. RFM frequency counts orders.',
  occasions: 'Purchase occasions: distinct days with at least one order; two orders on the same day count once. BG/NBD and the other purchase models count occasions.',
  'log-likelihood': 'Log-likelihood (LL): how probable the model finds the purchases it was fitted on; closer to zero fits better.',
  '±1.96 SE': 'Plus or minus 1.96 standard errors: the margin that gives a 95 % range for the estimate.',
  inertia: 'Inertia: how spread out customers are around their cluster centre; lower means tighter clusters.',
  silhouette: 'Silhouette: from -1 to 1, how clearly each customer sits in its own cluster rather than the next one; higher is better.',
  'elbow k': 'Elbow k: the number of clusters after which adding more stops tightening the clusters much.',
  BIC: 'BIC: a score of how well a Gaussian mixture fits, with a penalty for extra clusters; lower is better.',
  MAE: 'MAE (mean absolute error): how far forecasts were from what customers actually did, on average; lower is better.',
  RMSE: 'RMSE (root mean squared error): like MAE, but large misses count more; lower is better.',
  'P(alive)': 'P(alive): the model’s probability that a customer is still buying from you rather than gone for good.',
  'RFM scores': 'R, F and M scores: 1 to 5 for recency, frequency and money spent; 5 is the most recent, most frequent or highest-spending fifth.',
  'RFM code': 'RFM code such as "111": the recency, frequency and monetary scores side by side; 555 is the best, 111 the weakest.',
  'gradient norm': 'Gradient norm: how far the model fit was from settling; near zero means the fit converged.',
  holdout: 'Holdout: the last stretch of the data, hidden from the model and used to check its forecasts.',
  calibration: 'Calibration period: the data the model is fitted on before the holdout check.',
  'Gamma-Gamma': 'Gamma-Gamma: the model that predicts how much each customer spends per order.',
  'BG/NBD': 'BG/NBD: a model of how often customers buy and when they stop, checked after each purchase.',
  'MBG/NBD': 'MBG/NBD: a variant of BG/NBD that also lets one-time buyers have stopped.',
  'Pareto/NBD': 'Pareto/NBD: a model of how often customers buy and when they stop, at any moment.',
  CLV: 'CLV (customer lifetime value): the money a customer is expected to bring over the coming months.',
  'k-means': 'k-means: groups customers around k centres so each is closest to its own group’s average.',
  'Gaussian mixture': 'Gaussian mixture: groups customers into overlapping bell-shaped clusters, each with its own spread.',
  hierarchical: 'Hierarchical clustering: merges the most similar customers step by step until k groups remain.',
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;

/** The one-line explanation of a glossary term. */
export function explainTerm(term: GlossaryTerm): string {
  return GLOSSARY[term];
}

/** "6 orders on 4 days": a count of orders with the purchase occasions they fell on (just the orders when the days are unknown). */
export function describeOrdersAndOccasions(orders: number, occasions: number | null): string {
  const counted = formatCount(orders, 'order');
  return occasions === null ? counted : `${counted} on ${formatCount(occasions, 'day')}`;
}
