-- AlterTable
ALTER TABLE "dataset" ADD COLUMN     "lines_heartbeat_at" TIMESTAMP(3),
ADD COLUMN     "lines_owner" TEXT,
ADD COLUMN     "lines_state" TEXT NOT NULL DEFAULT 'saved';
