/**
 * A customer's place in the seeded sample of a scatter plot: the 32-bit FNV-1a hash of the id's
 * UTF-16 code units, as a signed integer (PostgreSQL's int4). Stored with each result so drawing
 * a sample reads an index instead of hashing every customer of the run.
 */
export function sampleKey(customerId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    hash ^= customerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
