import { z } from 'zod';
import './zod-config';
import { plainText } from './text-rules';
import { TRANSACTION_FIELDS } from '../engines/ingest/types';
import { currencySchema, timeZoneSchema } from './analysis-options-schema';

/** { "customerId": "Client", ... }: which column of the file holds each canonical field; empty choices are dropped. */
export const columnMappingSchema = z
  .partialRecord(z.enum(TRANSACTION_FIELDS, { error: `The column mapping names a field this app does not know; use ${TRANSACTION_FIELDS.join(', ')}.` }), z.string().trim().pipe(plainText('A column name', 200)))
  .transform((mapping) => {
    // '' stays: it says the file has no such column, so none is recognised by name either.
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== undefined));
    return Object.keys(chosen).length > 0 ? (chosen as Partial<Record<(typeof TRANSACTION_FIELDS)[number], string>>) : undefined;
  });

/**
 * Query of the raw file sent to the staging area: its name. The name does not decide what the
 * file is: the preview reads its bytes and refuses what is not a table in words (an archive, an image).
 */
export const stagingRequestSchema = z.object({
  fileName: z.string().trim().min(1, 'The file needs a name.').pipe(plainText('The file name', 200)),
});

/**
 * How to read a staged file: every setting the preview detects, chosen by the user where the
 * detection is wrong, and the value basis. Absent settings are detected from the file.
 */
export const uploadSettingsSchema = z.object({
  columns: columnMappingSchema.optional(),
  dateOrder: z.enum(['month-first', 'day-first']).optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  timeZone: z.preprocess((v) => (v === '' ? undefined : v), timeZoneSchema.optional()),
  currency: z.preprocess((v) => (v === '' ? undefined : v), currencySchema.optional()),
  sheet: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).pipe(plainText('The worksheet name', 100)).optional()),
  value: z.enum(['net', 'gross']).default('net'),
});

export type UploadSettings = z.output<typeof uploadSettingsSchema>;

const stagingId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'This upload is unknown or has expired; choose the file again.');

/** Body of POST /api/uploads/preview: read a staged file with these settings. */
export const previewRequestSchema = z.object({ stagingId, settings: uploadSettingsSchema.default({ value: 'net' }) });

/** Body of POST /api/uploads: store the staged file as a dataset and analyse it with the settings last previewed. */
export const confirmUploadSchema = z.object({
  stagingId,
  name: z.string().trim().pipe(plainText('The dataset name', 200)).optional(),
  /** Store the file even when a dataset was already made from the same bytes. */
  secondCopy: z.boolean().optional(),
  settings: uploadSettingsSchema.default({ value: 'net' }),
});

/** The staging id in a route's path. */
export const stagingIdSchema = stagingId;

/** A dataset's name, as typed at upload or when renaming. */
export const datasetNameSchema = z.string().trim().min(1, 'Give the dataset a name.').pipe(plainText('The dataset name', 200));
