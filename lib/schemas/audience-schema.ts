import { z } from 'zod';

const optionalId = (message: string) =>
  z.preprocess(
    (value) => (value === null || value === undefined || (typeof value === 'string' && value.trim() === '') ? undefined : value),
    z.coerce.number({ error: message }).int(message).positive(message).optional(),
  );

/**
 * Saving the current dashboard filter as a named audience: the name, the filter's query string
 * (without the run), the run being viewed, and whether to stay on that run or follow its dataset.
 */
export const audienceSchema = z.object({
  name: z
    .string({ error: 'Give the audience a name.' })
    .trim()
    .min(1, 'Give the audience a name.')
    .max(100, 'The audience name is longer than 100 characters.'),
  query: z.string().max(10_000, 'The filter is too long to save.').default(''),
  runId: optionalId('The run must be a positive whole number.'),
  pin: z.preprocess(
    (value) => (value === null || value === '' ? undefined : value),
    z.enum(['latest', 'run'], { error: 'Choose whether the audience follows the latest results or stays on this run.' }).default('latest'),
  ),
});

export type AudienceInput = z.input<typeof audienceSchema>;

/** Deleting an audience: its id from the form. */
export const deleteAudienceSchema = z.object({ id: z.coerce.number().int().positive() });

/** Choosing the dataset of an audience saved before audiences remembered theirs. */
export const chooseAudienceDatasetSchema = z.object({
  id: z.coerce.number({ error: 'This audience is unknown; reload the page.' }).int().positive('This audience is unknown; reload the page.'),
  datasetId: z.coerce
    .number({ error: 'Choose a dataset.' })
    .int('Choose a dataset.')
    .positive('Choose a dataset.'),
});
