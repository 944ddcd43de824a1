import { z } from 'zod';
import './zod-config';
import { databaseId, MAX_INT32_TEXT, plainText } from './text-rules';

const optionalId = (message: string) =>
  z.preprocess(
    (value) => (value === null || value === undefined || (typeof value === 'string' && value.trim() === '') ? undefined : value),
    databaseId(message).optional(),
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
    .pipe(plainText('The audience name', 100)),
  query: z.string().max(10_000, 'The filter is too long to save.').default(''),
  runId: optionalId(`The run must be a whole number from 1 to ${MAX_INT32_TEXT}.`),
  pin: z.preprocess(
    (value) => (value === null || value === '' ? undefined : value),
    z.enum(['latest', 'run'], { error: 'Choose whether the audience follows the latest results or stays on this run.' }).default('latest'),
  ),
});

export type AudienceInput = z.input<typeof audienceSchema>;

/** Deleting an audience: its id from the form. */
export const deleteAudienceSchema = z.object({ id: databaseId('This audience is unknown; reload the page.') });

/** Choosing the dataset of an audience saved before audiences remembered theirs. */
export const chooseAudienceDatasetSchema = z.object({
  id: databaseId('This audience is unknown; reload the page.'),
  datasetId: databaseId('Choose a dataset.'),
});

/**
 * A cluster filter names clusters of the run it was chosen in: each analysis numbers its clusters
 * afresh (and may not compute the method at all), so an audience holding one stays on its run.
 */
export function clusterNeedsPin(filters: { cluster: readonly number[] }): boolean {
  return filters.cluster.length > 0;
}
