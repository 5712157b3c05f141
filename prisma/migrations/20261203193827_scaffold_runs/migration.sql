/*
  Warnings:

  - A unique constraint covering the columns `[scaffoldRunId]` on the table `Service` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "ScaffoldRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "pullRequestNumber" INTEGER,
ADD COLUMN     "pullRequestUrl" TEXT,
ADD COLUMN     "scaffoldRunId" UUID;

-- CreateTable
CREATE TABLE "ScaffoldRun" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT,
    "templateId" TEXT NOT NULL,
    "templateVersion" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "serviceName" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "status" "ScaffoldRunStatus" NOT NULL DEFAULT 'queued',
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "claimedBy" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "branch" TEXT,
    "pullRequestNumber" INTEGER,
    "pullRequestUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ScaffoldRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScaffoldRunStep" (
    "runId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "output" JSONB,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ScaffoldRunStep_pkey" PRIMARY KEY ("runId","name")
);

-- CreateTable
CREATE TABLE "ScaffoldRunLog" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "ScaffoldRunLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PullRequest" (
    "id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "branch" TEXT NOT NULL,
    "base" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "headSha" TEXT NOT NULL,
    "labels" TEXT[],
    "serviceName" TEXT,
    "createdBy" TEXT NOT NULL,
    "mergedAt" TIMESTAMP(3),
    "mergedBy" TEXT,
    "mergeSha" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PullRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScaffoldRun_idempotencyKey_key" ON "ScaffoldRun"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ScaffoldRun_status_heartbeatAt_idx" ON "ScaffoldRun"("status", "heartbeatAt");

-- CreateIndex
CREATE INDEX "ScaffoldRun_requestedBy_idx" ON "ScaffoldRun"("requestedBy");

-- CreateIndex
CREATE INDEX "ScaffoldRun_templateId_idx" ON "ScaffoldRun"("templateId");

-- CreateIndex
CREATE INDEX "ScaffoldRun_createdAt_idx" ON "ScaffoldRun"("createdAt");

-- CreateIndex
CREATE INDEX "ScaffoldRunLog_runId_id_idx" ON "ScaffoldRunLog"("runId", "id");

-- CreateIndex
CREATE INDEX "PullRequest_provider_branch_idx" ON "PullRequest"("provider", "branch");

-- CreateIndex
CREATE INDEX "PullRequest_serviceName_idx" ON "PullRequest"("serviceName");

-- CreateIndex
CREATE UNIQUE INDEX "PullRequest_provider_number_key" ON "PullRequest"("provider", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Service_scaffoldRunId_key" ON "Service"("scaffoldRunId");

-- AddForeignKey
ALTER TABLE "ScaffoldRunStep" ADD CONSTRAINT "ScaffoldRunStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScaffoldRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScaffoldRunLog" ADD CONSTRAINT "ScaffoldRunLog_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScaffoldRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
