-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'delivered', 'dead-lettered');

-- AlterTable
ALTER TABLE "Trigger" ADD COLUMN     "maxDeliveryAttempts" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "maximumBackoffSeconds" DOUBLE PRECISION NOT NULL DEFAULT 600,
ADD COLUMN     "minimumBackoffSeconds" DOUBLE PRECISION NOT NULL DEFAULT 10,
ADD COLUMN     "pushEndpoint" TEXT;

-- CreateTable
CREATE TABLE "BusEvent" (
    "seq" BIGSERIAL NOT NULL,
    "region" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "subject" TEXT,
    "time" TIMESTAMPTZ(3),
    "datacontenttype" TEXT,
    "dataschema" TEXT,
    "extensions" JSONB NOT NULL DEFAULT '{}',
    "data" BYTEA NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BusEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "BusCursor" (
    "name" TEXT NOT NULL,
    "seq" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" BIGSERIAL NOT NULL,
    "busEventSeq" BIGINT NOT NULL,
    "triggerId" UUID NOT NULL,
    "region" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "latencyMs" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordedEvent" (
    "id" BIGSERIAL NOT NULL,
    "busEventSeq" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "subject" TEXT,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "datacontenttype" TEXT,
    "extensions" JSONB NOT NULL DEFAULT '{}',
    "data" BYTEA NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BusEvent_type_seq_idx" ON "BusEvent"("type", "seq");

-- CreateIndex
CREATE INDEX "BusEvent_publishedAt_idx" ON "BusEvent"("publishedAt");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_triggerId_region_createdAt_idx" ON "Delivery"("triggerId", "region", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_busEventSeq_triggerId_key" ON "Delivery"("busEventSeq", "triggerId");

-- CreateIndex
CREATE UNIQUE INDEX "RecordedEvent_busEventSeq_key" ON "RecordedEvent"("busEventSeq");

-- CreateIndex
CREATE INDEX "RecordedEvent_type_time_idx" ON "RecordedEvent"("type", "time");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_triggerId_fkey" FOREIGN KEY ("triggerId") REFERENCES "Trigger"("id") ON DELETE CASCADE ON UPDATE CASCADE;
