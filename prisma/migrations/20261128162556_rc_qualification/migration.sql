-- CreateEnum
CREATE TYPE "QualificationStatus" AS ENUM ('QUEUED', 'RUNNING', 'PASSED', 'FAILED');

-- CreateTable
CREATE TABLE "Qualification" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT,
    "commit" TEXT,
    "status" "QualificationStatus" NOT NULL DEFAULT 'QUEUED',
    "reason" TEXT,
    "currentStep" TEXT,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "tarballSha256" TEXT,
    "tarballSize" INTEGER,
    "smokeSummary" JSONB,
    "tasksPerSecond" DOUBLE PRECISION,
    "benchRuns" DOUBLE PRECISION[],
    "regressed" BOOLEAN NOT NULL DEFAULT false,
    "regressionNote" TEXT,
    "log" TEXT NOT NULL DEFAULT '',
    "logTruncated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),

    CONSTRAINT "Qualification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GaGateOverride" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GaGateOverride_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Qualification_status_idx" ON "Qualification"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Qualification_cycleId_tag_attempt_key" ON "Qualification"("cycleId", "tag", "attempt");

-- AddForeignKey
ALTER TABLE "Qualification" ADD CONSTRAINT "Qualification_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReleaseCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GaGateOverride" ADD CONSTRAINT "GaGateOverride_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReleaseCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

