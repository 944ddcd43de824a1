-- AlterTable
ALTER TABLE "customer_result" ADD COLUMN     "gross_spend" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "refunds" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "dataset" ADD COLUMN     "currency" TEXT,
ADD COLUMN     "value_basis" TEXT NOT NULL DEFAULT 'net';

-- AlterTable
ALTER TABLE "transaction_line" ADD COLUMN     "amount" DOUBLE PRECISION,
ADD COLUMN     "kind" SMALLINT NOT NULL DEFAULT 0,
ADD COLUMN     "order_refund" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "order_total" DOUBLE PRECISION,
ADD COLUMN     "reference" TEXT,
ALTER COLUMN "quantity" DROP NOT NULL,
ALTER COLUMN "unit_price" DROP NOT NULL;

-- Backfill: lines stored before this migration are UCI-style items whose value is quantity x unit price.
UPDATE "transaction_line" SET "amount" = "quantity" * "unit_price", "kind" = CASE WHEN "is_return" THEN 1 ELSE 0 END;

-- Backfill: results stored before this migration counted money gross.
UPDATE "customer_result" SET "gross_spend" = "monetary";
