import type { ProductCategory } from './types';

export const OTHER_CATEGORY = 'other';

/** The default keyword map, tuned on gift-shop descriptions like UCI Online Retail's. Editable by users. */
export const DEFAULT_PRODUCT_CATEGORIES: ProductCategory[] = [
  { name: 'bags', keywords: ['bag', 'bags', 'tote', 'shopper', 'purse', 'backpack', 'handbag'] },
  {
    name: 'kitchen',
    keywords: [
      'mug', 'cup', 'cups', 'plate', 'plates', 'bowl', 'cake', 'baking', 'teapot', 'tea', 'jam', 'kitchen', 'spoon',
      'napkins', 'lunch box', 'bottle', 'jar', 'cutlery', 'tray', 'apron', 'oven glove', 'recipe', 'tumbler', 'beaker',
    ],
  },
  {
    name: 'home decor',
    keywords: [
      'heart', 'candle', 'holder', 'lantern', 'frame', 'sign', 'cushion', 'decoration', 'clock', 'light', 'lights',
      'mirror', 'wreath', 'bunting', 'doormat', 'vase', 'ornament', 'garland', 'wall', 'hook', 'drawer', 'cabinet',
    ],
  },
  {
    name: 'toys',
    keywords: [
      'toy', 'toys', 'doll', 'game', 'playhouse', 'spaceboy', 'children', 'childrens', 'puzzle', 'balloon',
      'soldier', 'skipping rope', 'jigsaw', 'dominoes', 'crayons', 'colouring', 'teddy',
    ],
  },
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compile categories into one whole-word matcher per category. */
export function compileCategories(categories: readonly ProductCategory[]): { names: string[]; match: (description: string) => number } {
  const names = [...categories.map((c) => c.name), OTHER_CATEGORY];
  const patterns = categories.map((c) =>
    c.keywords.length > 0 ? new RegExp(`(?:^|[^a-z0-9])(?:${c.keywords.map((k) => escape(k.toLowerCase())).join('|')})(?=$|[^a-z0-9])`) : null,
  );
  return {
    names,
    match(description: string): number {
      const text = description.toLowerCase();
      for (let i = 0; i < patterns.length; i++) if (patterns[i]?.test(text)) return i;
      return names.length - 1;
    },
  };
}
