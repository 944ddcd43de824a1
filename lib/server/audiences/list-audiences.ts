import 'server-only';
import { getDatabase } from '../db/database';
import { listAudiencesWithCounts, type AudienceDto } from './audience-service';

export type { AudienceDto };

/** Saved audiences with their live customer counts, for the Audiences page. */
export async function listAudiences(): Promise<AudienceDto[]> {
  return listAudiencesWithCounts(await getDatabase());
}
