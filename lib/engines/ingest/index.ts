export { readTransactions } from './read-transactions';
export { resolveColumns, normaliseHeader, detectLayout } from './header-mapping';
export { parseCustomerId } from './parse-customer-id';
export * from './types';
