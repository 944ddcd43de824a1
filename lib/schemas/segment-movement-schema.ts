import { z } from 'zod';
import './zod-config';
import { MAX_INT32 } from './text-rules';

const SINCE_MESSAGE = 'The earlier snapshot is a run number such as 12; the latest earlier snapshot is shown instead.';

/**
 * The Segments page's "Segment movement" state in the URL: ?since=12 compares the viewed run with
 * run 12, an earlier snapshot of its dataset. Absent: the latest earlier snapshot.
 */
export const segmentMovementSchema = z.object({
  since: z.preprocess(
    (value) => (Array.isArray(value) ? value.at(-1) : value),
    z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return undefined;
        const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
        if (!(id >= 1 && id <= MAX_INT32)) {
          ctx.addIssue({ code: 'custom', message: SINCE_MESSAGE });
          return z.NEVER;
        }
        return id;
      }),
  ),
});

export type SegmentMovementParams = z.output<typeof segmentMovementSchema> & { notice?: string };

/** The page's search params to the movement state; a malformed ?since= is dropped and named in `notice`. */
export function parseSegmentMovement(searchParams: Record<string, string | string[] | undefined>): SegmentMovementParams {
  const parsed = segmentMovementSchema.safeParse({ since: searchParams.since });
  if (parsed.success) return parsed.data;
  return { since: undefined, notice: parsed.error.issues[0]?.message ?? SINCE_MESSAGE };
}

/** The movement state back to search params (empty when it is the default). */
export function segmentMovementToSearchParams(params: Pick<SegmentMovementParams, 'since'>): URLSearchParams {
  const out = new URLSearchParams();
  if (params.since !== undefined) out.set('since', String(params.since));
  return out;
}
