import { expect, test } from 'vitest';
import { compileCategories, DEFAULT_PRODUCT_CATEGORIES } from '../engines/features';
import { DEMO_CATALOGUE, DEMO_CATEGORIES } from './demo-catalogue';

test('the catalogue has 300 to 500 products with unique stock codes and descriptions', () => {
  expect(DEMO_CATALOGUE.length).toBeGreaterThanOrEqual(300);
  expect(DEMO_CATALOGUE.length).toBeLessThanOrEqual(500);
  expect(new Set(DEMO_CATALOGUE.map((p) => p.stockCode)).size).toBe(DEMO_CATALOGUE.length);
  expect(new Set(DEMO_CATALOGUE.map((p) => p.description)).size).toBe(DEMO_CATALOGUE.length);
});

test('every description falls in its intended category under the default keyword map', () => {
  const { names, match } = compileCategories(DEFAULT_PRODUCT_CATEGORIES);
  expect(names).toEqual([...DEMO_CATEGORIES]);
  const wrong = DEMO_CATALOGUE.filter((p) => names[match(p.description)] !== p.category).map((p) => `${p.description} -> ${names[match(p.description)]}`);
  expect(wrong).toEqual([]);
});

test.each(DEMO_CATEGORIES.map((category) => [category]))('category %s has at least 40 products', (category) => {
  expect(DEMO_CATALOGUE.filter((p) => p.category === category).length).toBeGreaterThanOrEqual(40);
});

test('prices are positive whole pence between 0.10 and 20 pounds', () => {
  for (const p of DEMO_CATALOGUE) {
    expect(p.unitPrice).toBeGreaterThan(0.1);
    expect(p.unitPrice).toBeLessThan(20);
    expect(Math.round(p.unitPrice * 100) / 100).toBe(p.unitPrice);
  }
});

test('some descriptions need CSV quoting, as in UCI Online Retail', () => {
  expect(DEMO_CATALOGUE.filter((p) => p.description.includes(',')).length).toBeGreaterThanOrEqual(5);
  expect(DEMO_CATALOGUE.some((p) => p.description.includes('"'))).toBe(true);
});
