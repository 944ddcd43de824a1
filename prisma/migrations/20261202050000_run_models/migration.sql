-- AlterTable
ALTER TABLE "run" ADD COLUMN     "models" JSONB;
