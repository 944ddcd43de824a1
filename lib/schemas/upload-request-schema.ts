import { z } from 'zod';
import { TRANSACTION_FIELDS } from '../engines/ingest/types';

/** { "customerId": "Client", ... }: which column of the file holds each canonical field. */
export const columnMappingSchema = z.partialRecord(z.enum(TRANSACTION_FIELDS), z.string().trim().max(200));

const columnsParam = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'The column mapping is not valid JSON.' });
      return z.NEVER;
    }
    const parsed = columnMappingSchema.safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `The column mapping names fields this app does not know; use ${TRANSACTION_FIELDS.join(', ')}.` });
      return z.NEVER;
    }
    const chosen = Object.fromEntries(Object.entries(parsed.data).filter(([, column]) => column !== undefined && column !== ''));
    return Object.keys(chosen).length > 0 ? (chosen as z.output<typeof columnMappingSchema>) : undefined;
  });

/** Query parameters of an upload: what to call the dataset, how to read its dates, and an optional column mapping. */
export const uploadRequestSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'The file needs a name.')
    .max(200, 'The file name is longer than 200 characters.')
    .regex(/\.(csv|txt)(\.gz)?$/i, 'Upload a .csv or .csv.gz file.'),
  name: z.string().trim().max(200, 'The dataset name is longer than 200 characters.').optional(),
  dateOrder: z.enum(['month-first', 'day-first']).default('month-first'),
  columns: columnsParam,
});

export type UploadRequest = z.output<typeof uploadRequestSchema>;
