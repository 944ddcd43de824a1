import type { Rng } from '../engines/random';
import { DEMO_CATALOGUE, DEMO_CATEGORIES, type DemoProduct } from './demo-catalogue';
import { cumulativeSum, pickWeighted } from './weighted-choice';

/** The demo shop is a UK gift shop: its prices are in pounds sterling. */
export const DEMO_CURRENCY = 'GBP';

/** Share of order lines per category across the shop, in DEMO_CATEGORIES order. */
export const DEMO_CATEGORY_SHARES: readonly number[] = Object.freeze([0.14, 0.25, 0.3, 0.09, 0.22]);

/** How steeply sales fall from a category's best seller to its slowest product (Zipf exponent). */
const POPULARITY_EXPONENT = 0.9;

/** The catalogue with seeded best sellers: products grouped by category, each with a sales weight. */
export interface DemoShop {
  products: readonly DemoProduct[];
  /** Products of category k are at [categoryStart[k], categoryStart[k + 1]). */
  categoryStart: Int32Array;
  /** Running sum of sales weights over `products`. */
  popularity: Float64Array;
  /** Running sum of DEMO_CATEGORY_SHARES. */
  categoryShares: Float64Array;
}

/** Group the catalogue by category and rank each category's products in a seeded order of popularity. */
export function buildDemoShop(rng: Rng): DemoShop {
  const products: DemoProduct[] = [];
  const categoryStart = new Int32Array(DEMO_CATEGORIES.length + 1);
  const weights: number[] = [];
  DEMO_CATEGORIES.forEach((category, k) => {
    const members = DEMO_CATALOGUE.filter((p) => p.category === category);
    categoryStart[k] = products.length;
    const rank = members.map((_, i) => i);
    for (let i = rank.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [rank[i], rank[j]] = [rank[j], rank[i]];
    }
    members.forEach((product, i) => {
      products.push(product);
      weights.push(1 / Math.pow(rank[i] + 3, POPULARITY_EXPONENT));
    });
  });
  categoryStart[DEMO_CATEGORIES.length] = products.length;
  return { products, categoryStart, popularity: cumulativeSum(weights), categoryShares: cumulativeSum(DEMO_CATEGORY_SHARES) };
}

/** A product of category `category`, best sellers more often. */
export function pickProduct(shop: DemoShop, category: number, rng: Rng): number {
  return pickWeighted(shop.popularity, rng, shop.categoryStart[category], shop.categoryStart[category + 1]);
}
