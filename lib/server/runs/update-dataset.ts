import type { Database } from '../db/database';

/** Give a dataset another name; false when there is no such dataset. */
export async function renameDataset(db: Database, datasetId: number, name: string): Promise<boolean> {
  const { count } = await db.prisma.dataset.updateMany({ where: { id: datasetId }, data: { name } });
  return count > 0;
}

/** Label a dataset's amounts with a currency (its figures are not converted); false when there is no such dataset. */
export async function setDatasetCurrency(db: Database, datasetId: number, currency: string): Promise<boolean> {
  const { count } = await db.prisma.dataset.updateMany({ where: { id: datasetId }, data: { currency } });
  return count > 0;
}
