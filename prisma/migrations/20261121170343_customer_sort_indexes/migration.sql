-- DropIndex
DROP INDEX "customer_result_run_id_cluster_gmm_idx";

-- DropIndex
DROP INDEX "customer_result_run_id_cluster_hierarchical_idx";

-- DropIndex
DROP INDEX "customer_result_run_id_cluster_kmeans_idx";

-- DropIndex
DROP INDEX "customer_result_run_id_clv_idx";

-- DropIndex
DROP INDEX "customer_result_run_id_country_idx";

-- DropIndex
DROP INDEX "customer_result_run_id_frequency_idx";

-- DropIndex
DROP INDEX "customer_result_run_id_monetary_idx";

-- DropIndex
DROP INDEX "customer_result_run_id_segment_idx";

-- AlterTable
-- Customer ids compare byte by byte on every server, as in PGlite: the id-prefix search (LIKE 'q%')
-- becomes a range on the primary key also where the database's collation is not C.
ALTER TABLE "customer_result" ALTER COLUMN "customer_id" SET DATA TYPE TEXT COLLATE "C";

-- AlterTable
-- Results saved before this migration get their sample key from md5 (new runs write an FNV-1a
-- hash from the app); either is only a deterministic order for drawing scatter-plot samples.
ALTER TABLE "customer_result" ADD COLUMN     "sample_key" INTEGER;
UPDATE "customer_result" SET "sample_key" = ('x' || substr(md5("customer_id"), 1, 8))::bit(32)::int;
ALTER TABLE "customer_result" ALTER COLUMN "sample_key" SET NOT NULL;

-- CreateIndex
CREATE INDEX "customer_result_run_id_country_customer_id_idx" ON "customer_result"("run_id", "country", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_segment_customer_id_idx" ON "customer_result"("run_id", "segment", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_cluster_kmeans_customer_id_idx" ON "customer_result"("run_id", "cluster_kmeans", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_cluster_gmm_customer_id_idx" ON "customer_result"("run_id", "cluster_gmm", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_cluster_hierarchical_customer_id_idx" ON "customer_result"("run_id", "cluster_hierarchical", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_clv_customer_id_idx" ON "customer_result"("run_id", "clv", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_frequency_customer_id_idx" ON "customer_result"("run_id", "frequency", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_monetary_customer_id_idx" ON "customer_result"("run_id", "monetary", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_recency_customer_id_idx" ON "customer_result"("run_id", "recency", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_p_alive_customer_id_idx" ON "customer_result"("run_id", "p_alive", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_last_purchase_customer_id_idx" ON "customer_result"("run_id", "last_purchase", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_rfm_code_customer_id_idx" ON "customer_result"("run_id", "rfm_code", "customer_id");

-- CreateIndex
CREATE INDEX "customer_result_run_id_sample_key_customer_id_idx" ON "customer_result"("run_id", "sample_key", "customer_id");
