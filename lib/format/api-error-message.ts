/**
 * The one error body every route under app/api answers: `{ error: { message, ...details } }`,
 * the message a sentence for the user; details (a duplicate upload, a reading question) sit
 * beside it.
 */
export type ApiErrorBody<Details extends object = Record<never, never>> = { error: { message: string } & Details };

/** The message of an answer's body when it is an API error body; undefined otherwise (an empty or foreign body). */
export function apiErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null || !('message' in error)) return undefined;
  const message = (error as { message: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}
