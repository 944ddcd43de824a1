import type { ApiErrorBody } from '../../format/api-error-message';

/**
 * The error answer of every route under app/api (and the proxy's refusals): JSON
 * `{ error: { message, ...details } }` with `status`, never cached. `message` is shown to the
 * user as it is, so it is a sentence, never an exception's text.
 */
export function apiError<Details extends object = Record<never, never>>(message: string, status: number, details?: Details): Response {
  const body: ApiErrorBody<Details> = { error: { ...(details as Details), message } };
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
