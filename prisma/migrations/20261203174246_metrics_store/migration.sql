-- CreateEnum
CREATE TYPE "MetricKind" AS ENUM ('DELTA', 'GAUGE', 'DISTRIBUTION');

-- CreateTable
CREATE TABLE "MetricSeries" (
    "id" SERIAL NOT NULL,
    "service" TEXT NOT NULL,
    "metricType" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "kind" "MetricKind" NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "labelsHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "seriesId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION,
    "bucketOffset" INTEGER NOT NULL DEFAULT 0,
    "buckets" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("seriesId","resolution","ts")
);

-- CreateTable
CREATE TABLE "MetricCumulativeState" (
    "streamKey" TEXT NOT NULL,
    "startNano" TEXT NOT NULL,
    "timeNano" TEXT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" DOUBLE PRECISION NOT NULL,
    "bounds" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "buckets" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MetricCumulativeState_pkey" PRIMARY KEY ("streamKey")
);

-- CreateIndex
CREATE INDEX "MetricSeries_metricType_resourceType_idx" ON "MetricSeries"("metricType", "resourceType");

-- CreateIndex
CREATE INDEX "MetricSeries_service_idx" ON "MetricSeries"("service");

-- CreateIndex
CREATE UNIQUE INDEX "MetricSeries_service_metricType_region_labelsHash_key" ON "MetricSeries"("service", "metricType", "region", "labelsHash");

-- CreateIndex
CREATE INDEX "MetricPoint_resolution_ts_idx" ON "MetricPoint"("resolution", "ts");

-- CreateIndex
CREATE INDEX "MetricCumulativeState_updatedAt_idx" ON "MetricCumulativeState"("updatedAt");
