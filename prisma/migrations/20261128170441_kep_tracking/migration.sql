-- CreateEnum
CREATE TYPE "KepTrackingState" AS ENUM ('UNTRIAGED', 'TRIAGED', 'IN_PROGRESS', 'SHIPPED', 'DONE', 'AT_RISK', 'DEFERRED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Kep" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owningSig" TEXT,
    "directory" TEXT,
    "status" TEXT,
    "stage" TEXT,
    "latestMilestone" TEXT,
    "alphaMilestone" TEXT,
    "betaMilestone" TEXT,
    "stableMilestone" TEXT,
    "authors" TEXT[],
    "participatingSigs" TEXT[],
    "featureGates" TEXT[],
    "creationDate" TEXT,
    "lastUpdated" TEXT,
    "raw" JSONB NOT NULL,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Kep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KepTracking" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kepNumber" TEXT NOT NULL,
    "state" "KepTrackingState" NOT NULL DEFAULT 'UNTRIAGED',
    "stateOverride" BOOLEAN NOT NULL DEFAULT false,
    "kubernetesRelease" TEXT,
    "kubernetesStage" TEXT,
    "targetCycle" TEXT,
    "shepherds" TEXT[],
    "kepOwners" TEXT[],
    "issueNumber" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KepTracking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KepStageShipment" (
    "id" SERIAL NOT NULL,
    "trackingId" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "cycleName" TEXT NOT NULL,

    CONSTRAINT "KepStageShipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KepPullRequest" (
    "id" SERIAL NOT NULL,
    "trackingId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "linkedBy" TEXT NOT NULL,
    "lastActivityAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KepPullRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KepTrackingIssue" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "stateReason" TEXT,
    "labels" TEXT[],
    "milestone" TEXT,
    "kepNumber" TEXT,
    "fields" JSONB NOT NULL,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "revision" TEXT NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "parsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KepTrackingIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KepLiaison" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kubernetesRelease" TEXT NOT NULL,
    "login" TEXT NOT NULL,

    CONSTRAINT "KepLiaison_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KepHistory" (
    "id" SERIAL NOT NULL,
    "kepNumber" TEXT NOT NULL,
    "projectId" INTEGER,
    "kind" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "source" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KepHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KubernetesRelease" (
    "id" SERIAL NOT NULL,
    "version" TEXT NOT NULL,
    "proposed" BOOLEAN NOT NULL DEFAULT false,
    "cycleStart" DATE NOT NULL,
    "prrFreeze" TIMESTAMP(3),
    "enhancementsFreeze" TIMESTAMP(3) NOT NULL,
    "codeFreeze" TIMESTAMP(3) NOT NULL,
    "docsFreeze" TIMESTAMP(3),
    "releaseOn" DATE NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "KubernetesRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KubernetesException" (
    "id" SERIAL NOT NULL,
    "releaseId" INTEGER NOT NULL,
    "freeze" TEXT NOT NULL,
    "kepNumber" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dateRequested" TEXT,
    "dateReviewed" TEXT,

    CONSTRAINT "KubernetesException_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Kep_number_key" ON "Kep"("number");

-- CreateIndex
CREATE INDEX "Kep_owningSig_idx" ON "Kep"("owningSig");

-- CreateIndex
CREATE INDEX "KepTracking_projectId_kubernetesRelease_idx" ON "KepTracking"("projectId", "kubernetesRelease");

-- CreateIndex
CREATE UNIQUE INDEX "KepTracking_projectId_kepNumber_key" ON "KepTracking"("projectId", "kepNumber");

-- CreateIndex
CREATE UNIQUE INDEX "KepStageShipment_trackingId_stage_key" ON "KepStageShipment"("trackingId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "KepPullRequest_trackingId_number_key" ON "KepPullRequest"("trackingId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "KepTrackingIssue_projectId_number_key" ON "KepTrackingIssue"("projectId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "KepLiaison_projectId_kubernetesRelease_login_key" ON "KepLiaison"("projectId", "kubernetesRelease", "login");

-- CreateIndex
CREATE INDEX "KepHistory_kepNumber_at_idx" ON "KepHistory"("kepNumber", "at");

-- CreateIndex
CREATE UNIQUE INDEX "KubernetesRelease_version_key" ON "KubernetesRelease"("version");

-- CreateIndex
CREATE UNIQUE INDEX "KubernetesException_releaseId_freeze_kepNumber_key" ON "KubernetesException"("releaseId", "freeze", "kepNumber");

-- AddForeignKey
ALTER TABLE "KepStageShipment" ADD CONSTRAINT "KepStageShipment_trackingId_fkey" FOREIGN KEY ("trackingId") REFERENCES "KepTracking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KepPullRequest" ADD CONSTRAINT "KepPullRequest_trackingId_fkey" FOREIGN KEY ("trackingId") REFERENCES "KepTracking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KubernetesException" ADD CONSTRAINT "KubernetesException_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "KubernetesRelease"("id") ON DELETE CASCADE ON UPDATE CASCADE;

