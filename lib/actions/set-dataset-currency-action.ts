'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import '../schemas/zod-config';
import { databaseId } from '../schemas/text-rules';
import { currencySchema } from '../schemas/analysis-options-schema';
import { getDatabase } from '../server/db/client';
import { setDatasetCurrency } from '../server/runs/update-dataset';
import type { DatasetActionState } from './delete-dataset-action';
import { requireRole } from '../server/auth/current-user';

const currencyFormSchema = z.object({ datasetId: databaseId('Choose a dataset.'), currency: currencySchema });

/** Set the currency a dataset's amounts are shown in. */
export async function setDatasetCurrencyAction(_previous: DatasetActionState, form: FormData): Promise<DatasetActionState> {
  const access = await requireRole('analyst');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = currencyFormSchema.safeParse({ datasetId: form.get('datasetId'), currency: form.get('currency') ?? '' });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues[0].message };
  if (!(await setDatasetCurrency(await getDatabase(), parsed.data.datasetId, parsed.data.currency))) return { status: 'error', message: 'This dataset no longer exists.' };
  revalidatePath('/', 'layout');
  return { status: 'done' };
}
