import { expect, test } from 'vitest';
import { nameClusters } from './name-clusters';

// Ranks are mean percentile ranks, 0.5 = typical; low recency rank = bought recently.
test.each([
  ['recent, frequent, high spend', { recency: 0.2, frequency: 0.8, monetary: 0.85 }, 'Champions'],
  ['high value, middling recency', { recency: 0.5, frequency: 0.7, monetary: 0.7 }, 'Loyal Customers'],
  ['high value, long gone', { recency: 0.8, frequency: 0.75, monetary: 0.8 }, "Can't Lose Them"],
  ['good value, fairly recent', { recency: 0.45, frequency: 0.55, monetary: 0.6 }, 'Loyal Customers'],
  ['good value, lapsing', { recency: 0.7, frequency: 0.55, monetary: 0.6 }, 'At Risk'],
  ['very recent first orders', { recency: 0.2, frequency: 0.25, monetary: 0.4 }, 'New Customers'],
  ['recent, modest repeat buyers', { recency: 0.3, frequency: 0.45, monetary: 0.4 }, 'Potential Loyalist'],
  ['middling everything, low value', { recency: 0.5, frequency: 0.4, monetary: 0.4 }, 'Need Attention'],
  ['drifting away, low value', { recency: 0.65, frequency: 0.3, monetary: 0.3 }, 'About To Sleep'],
  ['long gone, low everything', { recency: 0.85, frequency: 0.2, monetary: 0.2 }, 'Hibernating'],
])('%s -> %s', (_, ranks, expected) => {
  expect(nameClusters([ranks])).toEqual([expected]);
});

test('repeated names get II, III in cluster order', () => {
  const champion = { recency: 0.1, frequency: 0.9, monetary: 0.9 };
  const sleeper = { recency: 0.9, frequency: 0.1, monetary: 0.1 };
  expect(nameClusters([champion, sleeper, champion, champion])).toEqual([
    'Champions',
    'Hibernating',
    'Champions II',
    'Champions III',
  ]);
});
