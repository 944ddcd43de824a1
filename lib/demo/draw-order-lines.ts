import { deriveSeed } from '../engines/clustering/derive-seed';
import { createRng } from '../engines/random';
import { DEMO_CATEGORIES } from './demo-catalogue';
import { pickProduct } from './demo-shop';
import { FAVOURITES, STREAM_LINES, type DemoInvoicePlan } from './plan-demo-invoices';
import { pickWeighted } from './weighted-choice';

/** Quantities people actually order: singles, dozens, pack multiples. */
const NICE_QUANTITIES = [
  1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 18, 20, 24, 25, 30, 32, 36, 40, 48, 50, 60, 64, 72, 80, 96, 100, 120, 144, 160, 192,
  200, 240, 288, 300, 360, 384, 400, 480, 500, 576, 600, 720, 800, 960, 1000, 1200, 1440, 1600, 2000, 2400, 2880, 3000,
];
/** Spread of an order's value over its lines (Gamma shape; smaller is more uneven). */
const LINE_SHARE_SHAPE = 1.2;
const TRIES_FOR_A_NEW_PRODUCT = 6;

/** The nice quantity nearest to `raw` on a log scale. */
export function niceQuantity(raw: number): number {
  if (!(raw > 1.4)) return 1;
  const last = NICE_QUANTITIES[NICE_QUANTITIES.length - 1];
  if (raw >= last) return Math.round(raw / 100) * 100;
  let best = 1;
  let bestDistance = Infinity;
  for (const q of NICE_QUANTITIES) {
    const distance = Math.abs(Math.log(raw / q));
    if (distance < bestDistance) {
      best = q;
      bestDistance = distance;
    }
  }
  return best;
}

/** Wholesale price breaks: 15 % off from 100 units, 30 % off from 1,000. */
export function tierPrice(listPrice: number, quantity: number): number {
  const factor = quantity >= 1000 ? 0.7 : quantity >= 100 ? 0.85 : 1;
  return Math.round(listPrice * factor * 100) / 100;
}

/** The lines of one order: product indices into the shop, quantities and unit prices. */
export interface OrderLines {
  product: Int32Array;
  quantity: Int32Array;
  unitPrice: Float64Array;
}

/**
 * Draw the lines of a purchase or guest invoice from its own random stream, so a later
 * cancellation or return can draw the same lines again instead of keeping them in memory.
 */
export function drawOrderLines(plan: DemoInvoicePlan, invoice: number): OrderLines {
  const rng = createRng(deriveSeed(plan.seed, STREAM_LINES + 2 * invoice));
  const { shop, customers } = plan;
  const n = plan.lines[invoice];
  const c = plan.customer[invoice];
  const nCategories = DEMO_CATEGORIES.length;
  const taste = c >= 0 ? customers.taste.subarray(c * nCategories, (c + 1) * nCategories) : shop.categoryShares;
  const favouriteShare = c >= 0 ? plan.realism.favouriteShare : 0;

  const product = new Int32Array(n);
  const quantity = new Int32Array(n);
  const unitPrice = new Float64Array(n);
  const share = new Float64Array(n);
  let shareTotal = 0;
  for (let j = 0; j < n; j++) {
    let pick = -1;
    for (let attempt = 0; attempt < TRIES_FOR_A_NEW_PRODUCT && (pick < 0 || product.subarray(0, j).includes(pick)); attempt++) {
      pick =
        rng.next() < favouriteShare
          ? customers.favourites[c * FAVOURITES + rng.int(FAVOURITES)]
          : pickProduct(shop, pickWeighted(taste, rng), rng);
    }
    // A product appears once per order: after a few tries, take the next one not yet on it.
    while (product.subarray(0, j).includes(pick)) pick = (pick + 1) % shop.products.length;
    product[j] = pick;
    share[j] = rng.gamma(LINE_SHARE_SHAPE);
    shareTotal += share[j];
  }
  const value = plan.value[invoice];
  for (let j = 0; j < n; j++) {
    const listPrice = shop.products[product[j]].unitPrice;
    quantity[j] = niceQuantity((value * share[j]) / shareTotal / listPrice);
    unitPrice[j] = tierPrice(listPrice, quantity[j]);
  }
  return { product, quantity, unitPrice };
}
