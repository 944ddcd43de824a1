-- AlterTable
ALTER TABLE "customer_result" ADD COLUMN     "churn_basis" TEXT NOT NULL DEFAULT 'rules',
ADD COLUMN     "combined_segment" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "customer_result_run_id_combined_segment_customer_id_idx" ON "customer_result"("run_id", "combined_segment", "customer_id");

-- Backfill: results stored before this migration were judged by the rule; the combined segment is derived.
UPDATE "customer_result" SET "combined_segment" = "churn_status" || ' · ' || "segment";
