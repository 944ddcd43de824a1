import 'server-only';
import { getDatabase } from '../db/database';
import { readExportLogs, type ExportLogDto } from './export-log';

export type { ExportLogDto };

/** The export log for the Audiences and Data pages. */
export async function listExportLogs(limit = 50): Promise<ExportLogDto[]> {
  return readExportLogs(await getDatabase(), limit);
}
