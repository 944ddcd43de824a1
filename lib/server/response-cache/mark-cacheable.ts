import 'server-only';
import { headers } from 'next/headers';
import { getCurrentUser } from '@/lib/server/auth/current-user';
import { REQUEST_ID_HEADER, responseCacheRegistry } from './registry';

/**
 * Called by a page while it renders what stays true until the next data change (a finished
 * run's results, the lists of runs and audiences): the server may answer the same request
 * (same URL, same viewer) from memory until then. A page that shows live progress, a form's
 * outcome or anything time-dependent must not call it. A no-op without the server's cache.
 * The kept page is never answered after the signed-in viewer's session ends.
 */
export async function markResponseCacheable(): Promise<void> {
  const registry = responseCacheRegistry();
  if (!registry) return;
  const id = (await headers()).get(REQUEST_ID_HEADER);
  if (!id) return;
  const user = await getCurrentUser();
  registry.allow(id, user?.sessionExpiresAt ?? undefined);
}

/** Never keep this request's answer (a rendering error); called from instrumentation's onRequestError. */
export function denyResponseCache(requestHeaders: Readonly<Record<string, string | string[] | undefined>>): void {
  const id = requestHeaders[REQUEST_ID_HEADER];
  if (typeof id === 'string') responseCacheRegistry()?.deny(id);
}
