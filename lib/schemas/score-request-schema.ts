import { z } from 'zod';
import './zod-config';
import { analysisOptionsSchema } from './analysis-options-schema';
import { stagingIdSchema } from './upload-request-schema';

const reading = analysisOptionsSchema.shape;

/**
 * Scoring a new file against a run (npm run score, the Data page's "Score against run"): the run,
 * the date the file is scored as of, and how to read it where detection needs help.
 */
export const scoreRequestSchema = z.object({
  runId: z.coerce.number({ message: 'Give the run number, e.g. --run 3.' }).int('The run number is a whole number.').positive('The run number is a whole number above 0.'),
  snapshot: reading.snapshot,
  columns: reading.columns,
  dateOrder: reading.dateOrder,
  decimalSeparator: reading.decimalSeparator,
  timeZone: reading.timeZone,
  /** The file's currency when it does not say (or says wrongly); it must be the run's. */
  currency: reading.currency,
});

export type ScoreRequest = z.output<typeof scoreRequestSchema>;

/** The Data page's "Score against run #N": a file already in the staging area (so the upload limits apply), scored against the run in the address. */
export const scoreUploadRequestSchema = scoreRequestSchema.extend({ stagingId: stagingIdSchema });

export type ScoreUploadRequest = z.output<typeof scoreUploadRequestSchema>;
