-- CreateEnum
CREATE TYPE "RunOutcome" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "WebhookStatus" AS ENUM ('QUEUED', 'APPLYING', 'APPLIED', 'IGNORED', 'FAILED');

-- CreateTable
CREATE TABLE "GithubRepository" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER,
    "fullName" TEXT NOT NULL,
    "maintainers" JSONB NOT NULL DEFAULT '[]',
    "maintainersPath" TEXT,
    "fullSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GithubRepository_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubMilestone" (
    "id" SERIAL NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "description" TEXT,
    "dueOn" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "openIssues" INTEGER NOT NULL DEFAULT 0,
    "closedIssues" INTEGER NOT NULL DEFAULT 0,
    "githubUpdatedAt" TIMESTAMP(3) NOT NULL,
    "cycleName" TEXT,

    CONSTRAINT "GithubMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubLabel" (
    "id" SERIAL NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "GithubLabel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubIssue" (
    "id" SERIAL NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "isPullRequest" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "state" TEXT NOT NULL,
    "stateReason" TEXT,
    "draft" BOOLEAN NOT NULL DEFAULT false,
    "mergedAt" TIMESTAMP(3),
    "headRef" TEXT,
    "baseRef" TEXT,
    "author" TEXT,
    "assignees" TEXT[],
    "labels" TEXT[],
    "milestoneNumber" INTEGER,
    "comments" INTEGER NOT NULL DEFAULT 0,
    "githubCreatedAt" TIMESTAMP(3) NOT NULL,
    "githubUpdatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "GithubIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubRelease" (
    "id" SERIAL NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "githubId" BIGINT NOT NULL,
    "tagName" TEXT NOT NULL,
    "name" TEXT,
    "draft" BOOLEAN NOT NULL DEFAULT false,
    "prerelease" BOOLEAN NOT NULL DEFAULT false,
    "githubCreatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "GithubRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubTag" (
    "id" SERIAL NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "commitSha" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "mappedAt" TIMESTAMP(3),

    CONSTRAINT "GithubTag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubEtag" (
    "id" SERIAL NOT NULL,
    "credential" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "lastModified" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GithubEtag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubSyncCursor" (
    "id" SERIAL NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "resource" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GithubSyncCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubSyncRun" (
    "id" SERIAL NOT NULL,
    "repositoryId" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" "RunOutcome" NOT NULL DEFAULT 'RUNNING',
    "requests" INTEGER NOT NULL DEFAULT 0,
    "notModified" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "items" INTEGER NOT NULL DEFAULT 0,
    "itemsChanged" INTEGER NOT NULL DEFAULT 0,
    "rateLimitRemaining" INTEGER,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "GithubSyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubWebhookDelivery" (
    "id" SERIAL NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "repository" TEXT,
    "payload" JSONB NOT NULL,
    "status" "WebhookStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "GithubWebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "worker" TEXT NOT NULL,
    "outcome" "RunOutcome" NOT NULL DEFAULT 'RUNNING',
    "summary" TEXT,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GithubRepository_projectId_key" ON "GithubRepository"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "GithubRepository_fullName_key" ON "GithubRepository"("fullName");

-- CreateIndex
CREATE UNIQUE INDEX "GithubMilestone_repositoryId_number_key" ON "GithubMilestone"("repositoryId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "GithubLabel_repositoryId_name_key" ON "GithubLabel"("repositoryId", "name");

-- CreateIndex
CREATE INDEX "GithubIssue_repositoryId_githubUpdatedAt_idx" ON "GithubIssue"("repositoryId", "githubUpdatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "GithubIssue_repositoryId_number_key" ON "GithubIssue"("repositoryId", "number");

-- CreateIndex
CREATE INDEX "GithubRelease_repositoryId_tagName_idx" ON "GithubRelease"("repositoryId", "tagName");

-- CreateIndex
CREATE UNIQUE INDEX "GithubRelease_repositoryId_githubId_key" ON "GithubRelease"("repositoryId", "githubId");

-- CreateIndex
CREATE UNIQUE INDEX "GithubTag_repositoryId_name_key" ON "GithubTag"("repositoryId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "GithubEtag_credential_url_key" ON "GithubEtag"("credential", "url");

-- CreateIndex
CREATE UNIQUE INDEX "GithubSyncCursor_repositoryId_resource_key" ON "GithubSyncCursor"("repositoryId", "resource");

-- CreateIndex
CREATE INDEX "GithubSyncRun_repositoryId_startedAt_idx" ON "GithubSyncRun"("repositoryId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "GithubWebhookDelivery_deliveryId_key" ON "GithubWebhookDelivery"("deliveryId");

-- CreateIndex
CREATE INDEX "GithubWebhookDelivery_status_receivedAt_idx" ON "GithubWebhookDelivery"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_scheduledAt_key" ON "JobRun"("job", "scheduledAt");

-- AddForeignKey
ALTER TABLE "GithubMilestone" ADD CONSTRAINT "GithubMilestone_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "GithubRepository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubLabel" ADD CONSTRAINT "GithubLabel_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "GithubRepository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubIssue" ADD CONSTRAINT "GithubIssue_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "GithubRepository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubRelease" ADD CONSTRAINT "GithubRelease_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "GithubRepository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubTag" ADD CONSTRAINT "GithubTag_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "GithubRepository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubSyncCursor" ADD CONSTRAINT "GithubSyncCursor_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "GithubRepository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubSyncRun" ADD CONSTRAINT "GithubSyncRun_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "GithubRepository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

