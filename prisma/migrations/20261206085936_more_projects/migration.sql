-- CreateEnum
CREATE TYPE "SupportDates" AS ENUM ('PUBLISHED', 'COMPUTED');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "addedBy" TEXT,
ADD COLUMN     "supportDates" "SupportDates" NOT NULL DEFAULT 'PUBLISHED';

-- AlterTable
ALTER TABLE "ReleasePolicy" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

