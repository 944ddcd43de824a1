/**
 * The ArrayBuffers under the typed arrays found in `value` (through plain objects, arrays, maps
 * and sets), each once, for the transfer list of `postMessage`: the receiver gets them without a
 * copy and the sender's views are detached. SharedArrayBuffers (shared, not copied, anyway) and
 * empty or already-detached buffers are left out. Arrays are read in full, their elements that are
 * not objects skipped, so a column of ten million strings costs one pass.
 */
export function transferableBuffers(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (item: unknown): void => {
    if (item === null || typeof item !== 'object') return;
    if (ArrayBuffer.isView(item)) {
      if (item.buffer instanceof ArrayBuffer && item.buffer.byteLength > 0) buffers.add(item.buffer);
      return;
    }
    if (item instanceof ArrayBuffer) {
      if (item.byteLength > 0) buffers.add(item);
      return;
    }
    if (seen.has(item)) return;
    seen.add(item);
    if (Array.isArray(item)) {
      for (const element of item) if (element !== null && typeof element === 'object') visit(element);
    } else if (item instanceof Map) {
      for (const [key, element] of item) {
        visit(key);
        visit(element);
      }
    } else if (item instanceof Set) {
      for (const element of item) visit(element);
    } else {
      for (const key of Object.keys(item)) visit((item as Record<string, unknown>)[key]);
    }
  };
  visit(value);
  return [...buffers];
}
