import { NextResponse, type NextRequest } from 'next/server';
import { apiError } from './lib/server/api/api-error';
import { contentSecurityPolicy, createNonce } from './lib/server/security/content-security-policy';
import { checkSameOrigin, readSameOriginSettings, sameOriginRefusal, type SameOriginSettings } from './lib/server/security/same-origin';

// next.config.js sets serverActions.bodySizeLimit to the same 1 MB: Next itself answers a larger action with a bare 500.
const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

// No route serves this path, so a rewrite to it renders app/not-found.tsx with a 404.
const BAD_LINK_PATH = '/_segmenta/bad-link';

let settings: SameOriginSettings | Error | undefined;

function sameOriginSettings(): SameOriginSettings | Error {
  if (settings === undefined) {
    try {
      settings = readSameOriginSettings(process.env);
    } catch (error) {
      console.error(`Segmenta: ${(error as Error).message}`);
      settings = error as Error;
    }
  }
  return settings;
}

/** Bytes in a body without a Content-Length, read only up to one past `limit`. */
async function bodyLongerThan(request: NextRequest, limit: number): Promise<boolean> {
  if (!request.body) return false;
  const reader = request.clone().body!.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return true;
    }
  }
}

function validlyEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

async function tooLargeAction(request: NextRequest): Promise<boolean> {
  if (request.method !== 'POST' || request.nextUrl.pathname.startsWith('/api/')) return false;
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > SERVER_ACTION_BODY_LIMIT;
  return bodyLongerThan(request, SERVER_ACTION_BODY_LIMIT);
}

/**
 * Every request but static files: writes (POST, PUT, PATCH, DELETE, server actions) only from
 * the app's own pages, a readable 413 for an oversized server action, and a Content-Security-Policy
 * with a fresh nonce that Next puts on its inline scripts. The other security headers are in
 * next.config.js, so static files get them too.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === 'development' });
  const withPolicy = (response: Response) => {
    response.headers.set('Content-Security-Policy', policy);
    return response;
  };

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  // Next reads the nonce for its own scripts from the request's policy.
  requestHeaders.set('Content-Security-Policy', policy);

  if (!validlyEncoded(request.nextUrl.pathname)) {
    // Next would answer a bare 500 for a path it cannot decode (/customers/%E0%A4%A): an API caller
    // gets the JSON error, a person the app's not-found page (a path no route serves, so a 404).
    if (request.nextUrl.pathname.startsWith('/api/')) {
      return withPolicy(apiError('This address is not validly encoded; check the link.', 400));
    }
    return withPolicy(NextResponse.rewrite(new URL(BAD_LINK_PATH, request.url), { request: { headers: requestHeaders } }));
  }
  const current = sameOriginSettings();
  const decision = current instanceof Error ? { allowed: false as const, message: current.message } : checkSameOrigin(request, current);
  if (!decision.allowed) return withPolicy(sameOriginRefusal(decision.message));
  if (await tooLargeAction(request)) {
    return withPolicy(
      apiError(`The form sent more than ${SERVER_ACTION_BODY_LIMIT / 1024 / 1024} MB; shorten what you typed and send it again (files go through the Data page's upload).`, 413),
    );
  }

  return withPolicy(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  // Not static files; not the raw upload, whose body the proxy would buffer (up to 10 MB) and cut: that route checks its origin itself.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|api/uploads/staging$).*)'],
};
