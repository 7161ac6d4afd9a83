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

-- CreateIndex
CREATE INDEX "PrrApproval_enhancementIssue_idx" ON "PrrApproval"("enhancementIssue");

-- CreateIndex
CREATE UNIQUE INDEX "PrrApproval_sig_number_key" ON "PrrApproval"("sig", "number");

