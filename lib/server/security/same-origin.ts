import { apiError } from '../api/api-error';

/**
 * The same-origin rule for requests that can change something (POST, PUT, PATCH, DELETE to a
 * route handler, every server action): pure, so proxy.ts, the route handlers it does not cover
 * and the tests share one decision.
 */

/** Methods that never change anything: GET, HEAD, OPTIONS. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SameOriginSettings {
  /** SEGMENTA_ORIGIN: the origins users open the app at (https://segmenta.example.com), normalised; empty when unset. */
  origins: readonly string[];
  /** SEGMENTA_TRUST_PROXY=1: X-Forwarded-Host and X-Forwarded-Proto name the app's public origin. */
  trustProxy: boolean;
}

/** The request as the check needs it: method, URL (for its scheme) and headers. */
export interface WriteRequest {
  method: string;
  url: string;
  headers: Pick<Headers, 'get'>;
}

export type SameOriginDecision = { allowed: true } | { allowed: false; message: string };

/** Thrown at start-up (and in the proxy) when SEGMENTA_ORIGIN holds something that is not an origin. */
export class SameOriginSettingError extends Error {
  constructor(value: string) {
    super(`SEGMENTA_ORIGIN must list the addresses users open Segmenta at, comma-separated, such as https://segmenta.example.com; "${value}" is not one.`);
    this.name = 'SameOriginSettingError';
  }
}

function toOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** SEGMENTA_ORIGIN and SEGMENTA_TRUST_PROXY read from `env`; throws SameOriginSettingError on a value that is not an origin. */
export function readSameOriginSettings(env: Record<string, string | undefined>): SameOriginSettings {
  const origins = (env.SEGMENTA_ORIGIN ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value.length > 0)
    .map((value) => {
      const origin = toOrigin(value);
      if (origin === null) throw new SameOriginSettingError(value);
      return origin;
    });
  return { origins, trustProxy: env.SEGMENTA_TRUST_PROXY === '1' || env.SEGMENTA_TRUST_PROXY === 'true' };
}

const first = (value: string | null) => value?.split(',')[0]?.trim() || null;

/**
 * The origins the app answers at: SEGMENTA_ORIGIN when set; else, behind a trusted proxy, the
 * forwarded host and scheme; else the Host header with the scheme the request arrived on.
 */
export function appOrigins(request: Pick<WriteRequest, 'url' | 'headers'>, settings: SameOriginSettings): string[] {
  if (settings.origins.length > 0) return [...settings.origins];
  const scheme = new URL(request.url).protocol.replace(':', '');
  const forwardedHost = settings.trustProxy ? first(request.headers.get('x-forwarded-host')) : null;
  const forwardedProto = settings.trustProxy ? first(request.headers.get('x-forwarded-proto')) : null;
  const host = forwardedHost ?? request.headers.get('host');
  if (!host) return [];
  const origin = toOrigin(`${forwardedProto ?? scheme}://${host}`);
  return origin === null ? [] : [origin];
}

/**
 * Whether a request may change something: always for GET/HEAD/OPTIONS; otherwise only when the
 * browser says it comes from the app's own pages (Sec-Fetch-Site: same-origin) or its Origin is
 * one of the app's origins. A request with neither (no Origin header at all) is refused.
 */
export function checkSameOrigin(request: WriteRequest, settings: SameOriginSettings): SameOriginDecision {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { allowed: true };
  if (request.headers.get('sec-fetch-site') === 'same-origin') return { allowed: true };
  const origin = request.headers.get('origin');
  if (origin !== null && appOrigins(request, settings).includes(origin)) return { allowed: true };
  const from = origin === null ? 'a request without an Origin header' : origin === 'null' ? 'a page without an origin' : origin;
  return {
    allowed: false,
    message:
      `Refused: Segmenta accepts changes only from its own pages, and this came from ${from}. ` +
      'Open Segmenta in the browser and make the change there. If Segmenta runs behind a reverse proxy, set SEGMENTA_ORIGIN to the address users open (or SEGMENTA_TRUST_PROXY=1).',
  };
}

/** The 403 answer to a refused write, in the app's error shape. */
export function sameOriginRefusal(message: string): Response {
  return apiError(message, 403);
}

/** checkSameOrigin with the settings of `env`; a malformed SEGMENTA_ORIGIN refuses the write with its own message. */
export function checkSameOriginWithEnv(request: WriteRequest, env: Record<string, string | undefined>): SameOriginDecision {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { allowed: true };
  try {
    return checkSameOrigin(request, readSameOriginSettings(env));
  } catch (error) {
    if (error instanceof SameOriginSettingError) return { allowed: false, message: error.message };
    throw error;
  }
}
