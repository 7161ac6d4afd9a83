-- CreateTable
CREATE TABLE "PrrApproval" (
    "id" SERIAL NOT NULL,
    "sig" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "enhancementIssue" INTEGER,
    "approvals" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "repository" TEXT,
    "path" TEXT,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "missingSince" TIMESTAMP(3),
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrrApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KepReleaseTeamRecord" (
    "id" SERIAL NOT NULL,
    "enhancementIssue" INTEGER NOT NULL,
    "kubernetesRelease" TEXT NOT NULL,
    "milestoneTitle" TEXT NOT NULL,
    "optedIn" BOOLEAN NOT NULL,
    "tracked" TEXT,
    "stages" TEXT[],
    "labels" TEXT[],
    "announced" TEXT,
    "announcedAt" TIMESTAMP(3),
    "announcedBy" TEXT,
    "announcedUrl" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "leftAt" TIMESTAMP(3),
    "leftTo" TEXT,
    "leftLabels" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "KepReleaseTeamRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrrApproval_enhancementIssue_idx" ON "PrrApproval"("enhancementIssue");

-- CreateIndex
CREATE UNIQUE INDEX "PrrApproval_sig_number_key" ON "PrrApproval"("sig", "number");

-- CreateIndex
CREATE INDEX "KepReleaseTeamRecord_kubernetesRelease_idx" ON "KepReleaseTeamRecord"("kubernetesRelease");

-- CreateIndex
CREATE UNIQUE INDEX "KepReleaseTeamRecord_enhancementIssue_kubernetesRelease_key" ON "KepReleaseTeamRecord"("enhancementIssue", "kubernetesRelease");

