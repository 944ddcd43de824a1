import { expect, test } from 'vitest';
import { resolveDemoLogOptions } from './demo-log-options';
import { drawOrderLines, niceQuantity, tierPrice } from './draw-order-lines';
import { INVOICE_PURCHASE, planDemoInvoices } from './plan-demo-invoices';

test.each([
  [0.2, 1],
  [1.4, 1],
  [1.6, 2],
  [11, 12],
  [13.5, 12],
  [22, 24],
  [130, 120],
  [140, 144],
  [3000, 3000],
  [4321, 4300],
])('niceQuantity(%d) is %d', (raw, quantity) => {
  expect(niceQuantity(raw)).toBe(quantity);
});

test.each([
  [2.55, 99, 2.55],
  [2.55, 100, 2.17],
  [2.08, 1000, 1.46],
  [0.42, 1, 0.42],
])('tierPrice(%d, %d) is %d', (price, quantity, expected) => {
  expect(tierPrice(price, quantity)).toBe(expected);
});

test('an order drawn twice has the same lines, with distinct products and about its planned value', () => {
  const plan = planDemoInvoices(resolveDemoLogOptions({ customers: 200, seed: 5 }));
  let planned = 0;
  let drawn = 0;
  for (let i = 0; i < plan.count; i++) {
    if (plan.kind[i] !== INVOICE_PURCHASE) continue;
    const lines = drawOrderLines(plan, i);
    expect(drawOrderLines(plan, i)).toEqual(lines);
    expect(lines.product.length).toBe(plan.lines[i]);
    expect(new Set(lines.product).size).toBe(lines.product.length);
    planned += plan.value[i];
    for (let j = 0; j < lines.product.length; j++) drawn += lines.quantity[j] * lines.unitPrice[j];
  }
  expect(drawn / planned).toBeGreaterThan(0.8);
  expect(drawn / planned).toBeLessThan(1.25);
});
