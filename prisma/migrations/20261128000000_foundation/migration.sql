-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "LifecyclePhase" AS ENUM ('FUTURE', 'ALPHA', 'BETA', 'RC', 'ACTIVE', 'EXTENDED', 'END_OF_LIFE');

-- CreateEnum
CREATE TYPE "MilestoneKind" AS ENUM ('ALPHA', 'BETA', 'FEATURE_FREEZE', 'RC', 'GA', 'END_OF_ACTIVE_SUPPORT', 'EOL');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH');

-- CreateEnum
CREATE TYPE "OwnerRole" AS ENUM ('RELEASE_OWNER', 'LTS_OWNER');

-- CreateEnum
CREATE TYPE "DeprecationKind" AS ENUM ('FEATURE', 'CONFIG_PROPERTY');

-- CreateTable
CREATE TABLE "Project" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "repository" TEXT NOT NULL,
    "homepage" TEXT,
    "seededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleasePolicy" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "firstCycle" TEXT,
    "rules" JSONB NOT NULL,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleasePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseCycle" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "publishedStatus" TEXT,
    "publishedPhase" "LifecyclePhase",
    "isLts" BOOLEAN NOT NULL DEFAULT false,
    "link" TEXT,
    "extendedSupportNote" TEXT,
    "extendedSupportKubernetes" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReleaseCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "kind" "MilestoneKind" NOT NULL,
    "plannedOn" DATE,
    "plannedPrecision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "tentative" BOOLEAN NOT NULL DEFAULT false,
    "actualOn" DATE,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneChange" (
    "id" SERIAL NOT NULL,
    "milestoneId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "MilestoneChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,
    "patch" INTEGER NOT NULL,
    "preKind" TEXT,
    "preNumber" INTEGER,
    "taggedAt" TIMESTAMP(3) NOT NULL,
    "taggedOn" DATE NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT,
    "isTeam" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CycleOwner" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" "OwnerRole" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CycleOwner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KubernetesSupport" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kubernetesVersion" TEXT NOT NULL,
    "criVersion" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "KubernetesSupport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KubernetesSupportEntry" (
    "id" SERIAL NOT NULL,
    "supportId" INTEGER NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "minimumVersion" TEXT NOT NULL,

    CONSTRAINT "KubernetesSupportEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegacyKubernetesSupport" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "runtimeVersions" TEXT NOT NULL,
    "kubernetesVersions" TEXT NOT NULL,
    "criVersion" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "LegacyKubernetesSupport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deprecation" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kind" "DeprecationKind" NOT NULL,
    "component" TEXT NOT NULL,
    "propertyGroup" TEXT NOT NULL DEFAULT '',
    "deprecatedIn" TEXT,
    "removalTarget" TEXT,
    "removalTargetText" TEXT NOT NULL,
    "removed" BOOLEAN NOT NULL DEFAULT false,
    "recommendation" TEXT,

    CONSTRAINT "Deprecation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseDocImport" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL,

    CONSTRAINT "ReleaseDocImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ReleasePolicy_projectId_version_key" ON "ReleasePolicy"("projectId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseCycle_projectId_name_key" ON "ReleaseCycle"("projectId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseCycle_projectId_major_minor_key" ON "ReleaseCycle"("projectId", "major", "minor");

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_cycleId_kind_key" ON "Milestone"("cycleId", "kind");

-- CreateIndex
CREATE INDEX "MilestoneChange_milestoneId_changedAt_idx" ON "MilestoneChange"("milestoneId", "changedAt");

-- CreateIndex
CREATE INDEX "Release_taggedAt_idx" ON "Release"("taggedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Release_cycleId_tag_key" ON "Release"("cycleId", "tag");

-- CreateIndex
CREATE UNIQUE INDEX "Person_login_key" ON "Person"("login");

-- CreateIndex
CREATE UNIQUE INDEX "CycleOwner_cycleId_personId_role_key" ON "CycleOwner"("cycleId", "personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "KubernetesSupport_projectId_kubernetesVersion_key" ON "KubernetesSupport"("projectId", "kubernetesVersion");

-- CreateIndex
CREATE UNIQUE INDEX "KubernetesSupportEntry_supportId_cycleId_key" ON "KubernetesSupportEntry"("supportId", "cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "LegacyKubernetesSupport_projectId_position_key" ON "LegacyKubernetesSupport"("projectId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Deprecation_projectId_kind_component_propertyGroup_key" ON "Deprecation"("projectId", "kind", "component", "propertyGroup");

-- CreateIndex
CREATE INDEX "ReleaseDocImport_projectId_importedAt_idx" ON "ReleaseDocImport"("projectId", "importedAt");

-- AddForeignKey
ALTER TABLE "ReleasePolicy" ADD CONSTRAINT "ReleasePolicy_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseCycle" ADD CONSTRAINT "ReleaseCycle_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReleaseCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneChange" ADD CONSTRAINT "MilestoneChange_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReleaseCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleOwner" ADD CONSTRAINT "CycleOwner_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReleaseCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CycleOwner" ADD CONSTRAINT "CycleOwner_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KubernetesSupport" ADD CONSTRAINT "KubernetesSupport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KubernetesSupportEntry" ADD CONSTRAINT "KubernetesSupportEntry_supportId_fkey" FOREIGN KEY ("supportId") REFERENCES "KubernetesSupport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KubernetesSupportEntry" ADD CONSTRAINT "KubernetesSupportEntry_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReleaseCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegacyKubernetesSupport" ADD CONSTRAINT "LegacyKubernetesSupport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deprecation" ADD CONSTRAINT "Deprecation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseDocImport" ADD CONSTRAINT "ReleaseDocImport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
