export { cleanTransactions } from './clean-transactions';
export { findDuplicates } from './find-duplicates';
export { normaliseCountry, DEFAULT_UNKNOWN_COUNTRIES } from './normalise-country';
export * from './types';
