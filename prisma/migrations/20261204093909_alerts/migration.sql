-- CreateTable
CREATE TABLE "AlertOverride" (
    "serviceId" UUID NOT NULL,
    "policyId" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertOverride_pkey" PRIMARY KEY ("serviceId","policyId")
);

-- CreateTable
CREATE TABLE "AlertSchedule" (
    "service" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMPTZ(3),
    "evaluatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AlertSchedule_pkey" PRIMARY KEY ("service")
);

-- CreateTable
CREATE TABLE "AlertState" (
    "service" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "sinceAtLeast" BOOLEAN NOT NULL DEFAULT false,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION NOT NULL,
    "lastFiredAt" TIMESTAMPTZ(3),
    "evaluatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertState_pkey" PRIMARY KEY ("service","policyId","region")
);

-- CreateTable
CREATE TABLE "AlertIncident" (
    "id" BIGSERIAL NOT NULL,
    "service" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "peakValue" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "AlertIncident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertSchedule_dueAt_idx" ON "AlertSchedule"("dueAt");

-- CreateIndex
CREATE INDEX "AlertState_state_idx" ON "AlertState"("state");

-- CreateIndex
CREATE INDEX "AlertIncident_service_startedAt_idx" ON "AlertIncident"("service", "startedAt");

-- CreateIndex
CREATE INDEX "AlertIncident_endedAt_idx" ON "AlertIncident"("endedAt");

-- AddForeignKey
ALTER TABLE "AlertOverride" ADD CONSTRAINT "AlertOverride_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
