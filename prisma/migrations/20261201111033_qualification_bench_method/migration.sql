-- AlterTable
ALTER TABLE "Qualification" ADD COLUMN     "benchMethod" TEXT;

