import { cache } from 'react';
import { rememberUntilDataChanges } from '../response-cache/registry';

/**
 * `read(runId)` made into a reader of a fact of one run that changes only with the data (its
 * stored metrics, its dataset's currency): read once per request (React `cache`) and, behind the
 * page cache, once per data change, shared by every request (rememberUntilDataChanges). `name`
 * must be unique per fact; the value is frozen when kept.
 */
export function runFact<T>(name: string, read: (runId: number) => Promise<T>): (runId: number) => Promise<T> {
  return cache((runId: number) => rememberUntilDataChanges(`${name}:${runId}`, () => read(runId)));
}
