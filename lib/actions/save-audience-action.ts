'use server';

import { revalidatePath } from 'next/cache';
import { audienceSchema } from '../schemas/audience-schema';
import { parseDashboardFilters, searchParamsToRecord } from '../schemas/dashboard-filters-schema';
import { AudienceNameTakenError, AudienceRunError, createAudience } from '../server/audiences/audience-service';
import { getDatabase } from '../server/db/client';
import { requireRole } from '../server/auth/current-user';

export type SaveAudienceState = { status: 'idle' } | { status: 'saved'; id: number; name: string } | { status: 'error'; message: string };

/**
 * Save the filter bar's current filter (its query string) as a named audience on the dataset of
 * the viewed run (`runId`), following that dataset's latest results or pinned to the run (`pin`).
 */
export async function saveAudienceAction(_previous: SaveAudienceState, form: FormData): Promise<SaveAudienceState> {
  const access = await requireRole('analyst');
  if (!access.ok) return { status: 'error', message: access.message };
  const parsed = audienceSchema.safeParse({
    name: form.get('name') ?? '',
    query: form.get('query') ?? '',
    runId: form.get('runId'),
    pin: form.get('pin'),
  });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues.map((i) => i.message).join(' ') };
  const filters = parseDashboardFilters(searchParamsToRecord(new URLSearchParams(parsed.data.query)));
  // Saved only as the user sees it: a filter the URL held but the page left out is not saved silently without it.
  if (filters.notices) return { status: 'error', message: `The filter cannot be saved: ${filters.notices.join(' ')}` };
  try {
    const { id } = await createAudience(await getDatabase(), { name: parsed.data.name, filters, runId: parsed.data.runId, pin: parsed.data.pin });
    revalidatePath('/audiences');
    return { status: 'saved', id, name: parsed.data.name };
  } catch (error) {
    if (error instanceof AudienceNameTakenError || error instanceof AudienceRunError) return { status: 'error', message: error.message };
    console.error('Segmenta: saving an audience failed', error);
    return { status: 'error', message: 'The audience could not be saved; try again.' };
  }
}
