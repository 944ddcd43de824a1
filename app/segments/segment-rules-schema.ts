import { z } from 'zod';
import '@/lib/schemas/zod-config';
import { hasControlCharacter, MAX_INT32 } from '@/lib/schemas/text-rules';
import { MAX_SEGMENT_RULES, validateSegmentRules } from '@/lib/engines/rfm/segment-rules';

export const SEGMENT_NAME_MAX_LENGTH = 60;

const score = z.number({ error: 'Each score bound must be a whole number from 1 to 5.' });
const range = z.tuple([score, score], { error: 'Each score range needs a lower and an upper bound.' });

/** Edited segment rules, checked by the engine's own validateSegmentRules so the messages match a run's. */
export const segmentRulesSchema = z
  .array(
    z.object({
      name: z
        .string({ error: 'Each segment needs a name.' })
        .trim()
        .max(SEGMENT_NAME_MAX_LENGTH, `Segment names are at most ${SEGMENT_NAME_MAX_LENGTH} characters.`)
        .refine((name) => !hasControlCharacter(name), 'A segment name contains a control character (such as NUL or a line break); remove it.'),
      recency: range,
      frequency: range,
      monetary: range,
    }),
    { error: 'Segment rules must be a list of rules.' },
  )
  .min(1, 'Keep at least one segment rule; customers no rule matches go to Others.')
  .max(MAX_SEGMENT_RULES, `At most ${MAX_SEGMENT_RULES} segment rules are allowed.`)
  .superRefine((rules, ctx) => {
    try {
      validateSegmentRules(rules);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

/** The re-run request: which run's parameters to start from, and the new rules. */
export const rerunWithSegmentRulesSchema = z.object({
  runId: z.number({ error: 'The run to start from is missing.' }).int().positive().max(MAX_INT32, 'The run to start from is unknown; reload the page.'),
  segmentRules: segmentRulesSchema,
});

export type RerunWithSegmentRulesInput = z.input<typeof rerunWithSegmentRulesSchema>;
