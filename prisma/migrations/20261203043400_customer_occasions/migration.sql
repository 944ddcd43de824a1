-- AlterTable
ALTER TABLE "customer_result" ADD COLUMN     "occasions" INTEGER;
