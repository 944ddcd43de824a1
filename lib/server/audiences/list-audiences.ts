import 'server-only';
import { getDatabase } from '../db/database';
import { listAudienceDatasetChoices, listAudiencesWithCounts, type AudienceDatasetDto, type AudienceDto } from './audience-service';

export type { AudienceDatasetDto, AudienceDto };

/** Saved audiences with their dataset, run and live customer count, for the Audiences page. */
export async function listAudiences(): Promise<AudienceDto[]> {
  return listAudiencesWithCounts(await getDatabase());
}

/** Datasets with results, for choosing the dataset of an audience saved before audiences remembered theirs. */
export async function listDatasetChoices(): Promise<AudienceDatasetDto[]> {
  return listAudienceDatasetChoices(await getDatabase());
}
