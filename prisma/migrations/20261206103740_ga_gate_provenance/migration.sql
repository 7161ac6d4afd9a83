-- AlterTable
ALTER TABLE "GaGateOverride" ALTER COLUMN "tag" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Qualification" ADD COLUMN     "benchSpread" DOUBLE PRECISION,
ADD COLUMN     "dirty" BOOLEAN,
ADD COLUMN     "ref" TEXT,
ADD COLUMN     "sourceDigest" TEXT,
ADD COLUMN     "sourceFiles" INTEGER;

-- CreateTable
CREATE TABLE "GaGateScope" (
    "projectId" INTEGER NOT NULL,
    "firstCycle" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GaGateScope_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "GaRecord" (
    "id" SERIAL NOT NULL,
    "cycleId" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "by" TEXT NOT NULL,
    "note" TEXT,
    "plannedBefore" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),
    "undoneBy" TEXT,
    "undoReason" TEXT,

    CONSTRAINT "GaRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GaRecord_cycleId_idx" ON "GaRecord"("cycleId");

-- AddForeignKey
ALTER TABLE "GaRecord" ADD CONSTRAINT "GaRecord_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ReleaseCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

