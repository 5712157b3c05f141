-- CreateEnum
CREATE TYPE "ReplayStatus" AS ENUM ('queued', 'running', 'paused', 'cancelling', 'cancelled', 'completed', 'failed');

-- AlterTable
ALTER TABLE "BusEvent" ADD COLUMN     "replayJobId" UUID,
ADD COLUMN     "targetTriggerId" UUID;

-- CreateTable
CREATE TABLE "ReplayJob" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT,
    "requestedBy" TEXT NOT NULL,
    "serviceName" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetTrigger" TEXT,
    "targetRegion" TEXT,
    "query" JSONB NOT NULL,
    "ratePerSecond" DOUBLE PRECISION NOT NULL,
    "status" "ReplayStatus" NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "failures" JSONB NOT NULL DEFAULT '[]',
    "confirmedAs" TEXT,
    "claimedBy" TEXT,
    "heartbeatAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReplayJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplayJob_idempotencyKey_key" ON "ReplayJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ReplayJob_status_heartbeatAt_idx" ON "ReplayJob"("status", "heartbeatAt");

-- CreateIndex
CREATE INDEX "ReplayJob_serviceName_createdAt_idx" ON "ReplayJob"("serviceName", "createdAt");

-- CreateIndex
CREATE INDEX "BusEvent_replayJobId_idx" ON "BusEvent"("replayJobId");
