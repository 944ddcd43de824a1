import { z } from 'zod';

/** Saving the current dashboard filter as a named audience: the name and the filter's query string. */
export const audienceSchema = z.object({
  name: z
    .string({ error: 'Give the audience a name.' })
    .trim()
    .min(1, 'Give the audience a name.')
    .max(100, 'The audience name is longer than 100 characters.'),
  query: z.string().max(10_000, 'The filter is too long to save.').default(''),
});

export type AudienceInput = z.input<typeof audienceSchema>;

/** Deleting an audience: its id from the form. */
export const deleteAudienceSchema = z.object({ id: z.coerce.number().int().positive() });
