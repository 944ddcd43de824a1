import { z } from 'zod';

/** Query parameters of an upload: what to call the dataset and how to read its dates. */
export const uploadRequestSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'The file needs a name.')
    .max(200, 'The file name is longer than 200 characters.')
    .regex(/\.(csv|txt)(\.gz)?$/i, 'Upload a .csv or .csv.gz file.'),
  name: z.string().trim().max(200, 'The dataset name is longer than 200 characters.').optional(),
  dateOrder: z.enum(['month-first', 'day-first']).default('month-first'),
});

export type UploadRequest = z.output<typeof uploadRequestSchema>;
