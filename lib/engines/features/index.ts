export { computeCustomerFeatures } from './compute-customer-features';
export { compileCategories, DEFAULT_PRODUCT_CATEGORIES, OTHER_CATEGORY } from './product-categories';
export * from './types';
