-- A KEP is identified by its directory (Kep.key), no longer by its number: KEP numbers are not
-- unique upstream. Existing rows keep their data; their key comes from the file they were read
-- from (".../keps/<key>/kep.yaml"), else from their SIG and directory.

-- AlterTable
ALTER TABLE "Kep" ADD COLUMN     "approvers" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "deprecatedMilestone" TEXT,
ADD COLUMN     "disabledMilestone" TEXT,
ADD COLUMN     "enhancementIssue" INTEGER,
ADD COLUMN     "key" TEXT,
ADD COLUMN     "missingSince" TIMESTAMP(3),
ADD COLUMN     "path" TEXT,
ADD COLUMN     "prrApprovers" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "removedMilestone" TEXT,
ADD COLUMN     "repository" TEXT,
ADD COLUMN     "reviewers" TEXT[] DEFAULT ARRAY[]::TEXT[];

UPDATE "Kep" SET "key" = COALESCE(
  substring("source" from 'keps/(.+)/kep\.yaml$'),
  "owningSig" || '/' || "directory",
  COALESCE("owningSig", 'unknown-sig') || '/' || "number"
);
UPDATE "Kep" SET "path" = 'keps/' || "key" || '/kep.yaml', "repository" = 'kubernetes/enhancements'
  WHERE "source" ~ 'keps/.+/kep\.yaml$';
-- The number the tracking records cite (the column held it, normalised) ...
UPDATE "Kep" SET "enhancementIssue" = NULLIF("number"::INTEGER, 0) WHERE "number" ~ '^[0-9]{1,9}$';
-- ... and the number as written: the directory's, else kep-number's.
UPDATE "Kep" SET "number" = COALESCE(substring("directory" from '^([0-9]{1,6})-'), NULLIF(btrim("raw"->>'kep-number'), ''), "number");
-- Reviewers and approvers as written, so the next import does not report them as new.
UPDATE "Kep" SET "reviewers" = ARRAY(SELECT btrim(value) FROM jsonb_array_elements_text("raw"->'reviewers') AS value WHERE btrim(value) <> '')
  WHERE jsonb_typeof("raw"->'reviewers') = 'array';
UPDATE "Kep" SET "approvers" = ARRAY(SELECT btrim(value) FROM jsonb_array_elements_text("raw"->'approvers') AS value WHERE btrim(value) <> '')
  WHERE jsonb_typeof("raw"->'approvers') = 'array';
UPDATE "Kep" SET "prrApprovers" = ARRAY(SELECT btrim(value) FROM jsonb_array_elements_text("raw"->'prr-approvers') AS value WHERE btrim(value) <> '')
  WHERE jsonb_typeof("raw"->'prr-approvers') = 'array';
ALTER TABLE "Kep" ALTER COLUMN "key" SET NOT NULL;

-- DropIndex
DROP INDEX "Kep_number_key";

-- AlterTable: metadata history belongs to a KEP (its key); tracking history stays by cited number.
ALTER TABLE "KepHistory" ADD COLUMN     "kepKey" TEXT;
UPDATE "KepHistory" h SET "kepKey" = k."key" FROM "Kep" k
  WHERE h."kind" = 'metadata' AND k."enhancementIssue" IS NOT NULL AND h."kepNumber" = k."enhancementIssue"::TEXT;

-- AlterTable: a tracking issue's own liaisons stay on its KEP's tracking record.
ALTER TABLE "KepTracking" ADD COLUMN     "backupLiaisons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "kepKey" TEXT,
ADD COLUMN     "liaisons" TEXT[] DEFAULT ARRAY[]::TEXT[];
UPDATE "KepTracking" t SET "liaisons" = ARRAY(SELECT jsonb_array_elements_text(i."fields"->'liaisons'))
  FROM "KepTrackingIssue" i
  WHERE i."projectId" = t."projectId" AND i."number" = t."issueNumber" AND jsonb_typeof(i."fields"->'liaisons') = 'array';

-- CreateTable
CREATE TABLE "KepFileProblem" (
    "id" SERIAL NOT NULL,
    "repository" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "problems" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KepFileProblem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KepFileProblem_repository_path_key" ON "KepFileProblem"("repository", "path");

-- CreateIndex
CREATE UNIQUE INDEX "Kep_key_key" ON "Kep"("key");

-- CreateIndex
CREATE INDEX "Kep_enhancementIssue_idx" ON "Kep"("enhancementIssue");

-- CreateIndex
CREATE INDEX "KepHistory_kepKey_at_idx" ON "KepHistory"("kepKey", "at");
