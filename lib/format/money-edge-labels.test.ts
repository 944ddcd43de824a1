import { expect, test } from 'vitest';
import { moneyEdgeLabels } from './money-edge-labels';

const edges = (start: number, width: number, count: number) => Array.from({ length: count }, (_, i) => start + i * width);

test.each([
  // £250-wide bins: compact would write 1.3K, 1.5K, 1.8K (uneven, inexact), so every label is written in full.
  [edges(0, 250, 8), 'GBP', ['£0', '£250', '£500', '£750', '£1,000', '£1,250', '£1,500', '£1,750']],
  // Every edge exact in compact form and distinct: compact.
  [edges(0, 500_000, 4), 'GBP', ['£0', '£500K', '£1M', '£1.5M']],
  [edges(0, 50, 3), 'EUR', ['€0', '€50', '€100']],
  // Compact would make two edges alike (£1.2M and £1.2M): written in full.
  [[1_200_000, 1_225_000, 1_250_000], 'GBP', ['£1,200,000', '£1,225,000', '£1,250,000']],
  // Fractional edges keep money's two decimals, the same for all.
  [edges(0, 2.5, 4), 'USD', ['$0.00', '$2.50', '$5.00', '$7.50']],
  [edges(-5, 2.5, 3), 'USD', ['-$5.00', '-$2.50', '$0.00']],
  [edges(0, 0.025, 3), 'GBP', ['£0.000', '£0.025', '£0.050']],
  // No currency, or a marker that is no ISO code: bare numbers.
  [edges(1000, 250, 3), null, ['1,000', '1,250', '1,500']],
  [edges(0, 10_000, 3), '$', ['0', '10K', '20K']],
] as const)('bin edges %j in %s read %j', (values, currency, expected) => {
  expect(moneyEdgeLabels(values, currency)).toEqual(expected);
});

test('floating-point steps (0.1 + 0.2) still read as exact cents', () => {
  expect(moneyEdgeLabels([0, 0.1, 0.1 + 0.2], 'GBP')).toEqual(['£0.00', '£0.10', '£0.30']);
});
