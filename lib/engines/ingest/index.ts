export { readTransactions } from './read-transactions';
export { resolveColumns, normaliseHeader } from './header-mapping';
export { parseDate } from './parse-date';
export { parseCustomerId } from './parse-customer-id';
export * from './types';
