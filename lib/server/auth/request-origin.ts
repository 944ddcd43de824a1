import 'server-only';
import { headers } from 'next/headers';
import { isLoopbackHost } from './auth-mode';

/**
 * Whether the request came from this machine: the Host it asked for and the client address
 * Next.js saw (x-forwarded-for, which it fills from the socket) are both loopback. Headers can be
 * forged, so /setup also asks for the code printed in the server log.
 */
export async function requestFromThisMachine(): Promise<boolean> {
  const h = await headers();
  const host = (h.get('host') ?? '').replace(/:\d+$/, '');
  const forwarded = (h.get('x-forwarded-for') ?? '127.0.0.1').split(',').map((a) => a.trim());
  return isLoopbackHost(host) && forwarded.every((a) => isLoopbackHost(a));
}
