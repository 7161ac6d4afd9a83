-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "ltsUpgradeLine" TEXT[] DEFAULT ARRAY[]::TEXT[];

