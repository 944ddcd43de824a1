-- CreateEnum
CREATE TYPE "AudienceAttribution" AS ENUM ('saved', 'migrated', 'chosen', 'unknown');

-- AlterTable
ALTER TABLE "audience" ADD COLUMN     "attribution" "AudienceAttribution" NOT NULL DEFAULT 'saved',
ADD COLUMN     "dataset_id" INTEGER,
ADD COLUMN     "run_id" INTEGER;

-- CreateIndex
CREATE INDEX "audience_dataset_id_idx" ON "audience"("dataset_id");

-- CreateIndex
CREATE INDEX "audience_run_id_idx" ON "audience"("run_id");

-- CreateIndex
CREATE UNIQUE INDEX "run_id_dataset_id_key" ON "run"("id", "dataset_id");

-- AddForeignKey
ALTER TABLE "audience" ADD CONSTRAINT "audience_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audience" ADD CONSTRAINT "audience_run_id_dataset_id_fkey" FOREIGN KEY ("run_id", "dataset_id") REFERENCES "run"("id", "dataset_id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Backfill: audiences saved before this migration stored no dataset; the dashboard showed them
-- the latest successful run of any dataset, and the user could have been viewing any run with
-- results. So an audience is attributed only where that is certain: exactly one dataset had a
-- successful run when the audience was saved. The others wait for the user to choose.
UPDATE "audience" SET "attribution" = 'unknown';

UPDATE "audience" AS a SET "dataset_id" = sole."dataset_id", "attribution" = 'migrated'
FROM (
  SELECT old."id", min(r."dataset_id") AS "dataset_id"
  FROM "audience" AS old
  JOIN "run" AS r ON r."status" = 'succeeded' AND coalesce(r."finished_at", r."created_at") <= old."created_at"
  GROUP BY old."id"
  HAVING count(DISTINCT r."dataset_id") = 1
) AS sole
WHERE sole."id" = a."id";
