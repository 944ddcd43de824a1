import { z } from 'zod';
import './zod-config';
import { MAX_SNAPSHOTS } from '../engines/month-end-snapshots';
import { databaseId } from './text-rules';

/** The Data page's "Monthly snapshots" form: which dataset, and how many month-ends back. */
export const createSnapshotsSchema = z.object({
  datasetId: databaseId('Choose a dataset to take snapshots of.'),
  count: z.coerce
    .number({ error: `Give the number of month-ends, from 2 to ${MAX_SNAPSHOTS}.` })
    .int(`Give the number of month-ends, from 2 to ${MAX_SNAPSHOTS}.`)
    .min(2, `Give the number of month-ends, from 2 to ${MAX_SNAPSHOTS}.`)
    .max(MAX_SNAPSHOTS, `Give the number of month-ends, from 2 to ${MAX_SNAPSHOTS}.`),
});

export type CreateSnapshotsInput = z.input<typeof createSnapshotsSchema>;
