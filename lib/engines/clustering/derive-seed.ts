import { EngineError } from '../errors';

/** A well-mixed positive 32-bit integer seed for one independent random stream. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.floor(seed) ^ Math.imul(stream + 0x632be5ab, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

export function assertSeed(seed: number): void {
  if (!Number.isFinite(seed)) {
    throw new EngineError('INVALID_OPTION', `The random seed must be a finite number; got ${seed}.`);
  }
}
