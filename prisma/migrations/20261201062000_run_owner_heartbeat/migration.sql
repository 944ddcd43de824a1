-- AlterTable
ALTER TABLE "run" ADD COLUMN     "heartbeat_at" TIMESTAMP(3),
ADD COLUMN     "owner_instance" TEXT;
