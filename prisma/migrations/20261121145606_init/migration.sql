-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "dataset" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "source_file_name" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "byte_size" BIGINT NOT NULL,
    "rows_read" INTEGER NOT NULL,
    "rows_kept" INTEGER NOT NULL,
    "return_rows" INTEGER NOT NULL DEFAULT 0,
    "customer_count" INTEGER NOT NULL,
    "first_date" TIMESTAMP(3),
    "last_date" TIMESTAMP(3),
    "options" JSONB NOT NULL DEFAULT '{}',
    "cleaning_report" JSONB NOT NULL,
    "ingest_report" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transaction_line" (
    "dataset_id" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "invoice" TEXT NOT NULL,
    "stock_code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,
    "unit_price" DOUBLE PRECISION NOT NULL,
    "invoice_date" TIMESTAMP(3) NOT NULL,
    "customer_id" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "is_return" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "transaction_line_pkey" PRIMARY KEY ("dataset_id","line")
);

-- CreateTable
CREATE TABLE "run" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "parameters" JSONB NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "progress_message" TEXT,
    "stage_timings" JSONB,
    "metrics" JSONB,
    "customer_count" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_result" (
    "run_id" INTEGER NOT NULL,
    "customer_id" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "home_market" BOOLEAN NOT NULL,
    "recency" INTEGER NOT NULL,
    "frequency" INTEGER NOT NULL,
    "monetary" DOUBLE PRECISION NOT NULL,
    "average_order_value" DOUBLE PRECISION NOT NULL,
    "tenure" INTEGER NOT NULL,
    "distinct_products" INTEGER NOT NULL,
    "return_rate" DOUBLE PRECISION NOT NULL,
    "product_mix" JSONB NOT NULL,
    "r_score" INTEGER NOT NULL,
    "f_score" INTEGER NOT NULL,
    "m_score" INTEGER NOT NULL,
    "rfm_code" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "churn_status" TEXT NOT NULL,
    "cluster_kmeans" INTEGER,
    "cluster_kmeans_name" TEXT,
    "cluster_gmm" INTEGER,
    "cluster_gmm_name" TEXT,
    "cluster_hierarchical" INTEGER,
    "cluster_hierarchical_name" TEXT,
    "p_alive" DOUBLE PRECISION,
    "expected_purchases" DOUBLE PRECISION,
    "expected_spend" DOUBLE PRECISION,
    "clv" DOUBLE PRECISION,
    "clv_lower" DOUBLE PRECISION,
    "clv_upper" DOUBLE PRECISION,
    "first_purchase" TIMESTAMP(3) NOT NULL,
    "last_purchase" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customer_result_pkey" PRIMARY KEY ("run_id","customer_id")
);

-- CreateTable
CREATE TABLE "audience" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audience_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_log" (
    "id" SERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "audience_id" INTEGER,
    "run_id" INTEGER,
    "row_count" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "export_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dataset_checksum_idx" ON "dataset"("checksum");

-- CreateIndex
CREATE INDEX "dataset_created_at_idx" ON "dataset"("created_at");

-- CreateIndex
CREATE INDEX "transaction_line_dataset_id_customer_id_idx" ON "transaction_line"("dataset_id", "customer_id");

-- CreateIndex
CREATE INDEX "run_dataset_id_created_at_idx" ON "run"("dataset_id", "created_at");

-- CreateIndex
CREATE INDEX "run_status_idx" ON "run"("status");

-- CreateIndex
CREATE INDEX "customer_result_run_id_country_idx" ON "customer_result"("run_id", "country");

-- CreateIndex
CREATE INDEX "customer_result_run_id_segment_idx" ON "customer_result"("run_id", "segment");

-- CreateIndex
CREATE INDEX "customer_result_run_id_churn_status_idx" ON "customer_result"("run_id", "churn_status");

-- CreateIndex
CREATE INDEX "customer_result_run_id_cluster_kmeans_idx" ON "customer_result"("run_id", "cluster_kmeans");

-- CreateIndex
CREATE INDEX "customer_result_run_id_cluster_gmm_idx" ON "customer_result"("run_id", "cluster_gmm");

-- CreateIndex
CREATE INDEX "customer_result_run_id_cluster_hierarchical_idx" ON "customer_result"("run_id", "cluster_hierarchical");

-- CreateIndex
CREATE INDEX "customer_result_run_id_clv_idx" ON "customer_result"("run_id", "clv");

-- CreateIndex
CREATE INDEX "customer_result_run_id_frequency_idx" ON "customer_result"("run_id", "frequency");

-- CreateIndex
CREATE INDEX "customer_result_run_id_monetary_idx" ON "customer_result"("run_id", "monetary");

-- CreateIndex
CREATE UNIQUE INDEX "audience_name_key" ON "audience"("name");

-- CreateIndex
CREATE INDEX "export_log_created_at_idx" ON "export_log"("created_at");

-- AddForeignKey
ALTER TABLE "transaction_line" ADD CONSTRAINT "transaction_line_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run" ADD CONSTRAINT "run_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_result" ADD CONSTRAINT "customer_result_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_log" ADD CONSTRAINT "export_log_audience_id_fkey" FOREIGN KEY ("audience_id") REFERENCES "audience"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_log" ADD CONSTRAINT "export_log_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE SET NULL ON UPDATE CASCADE;
