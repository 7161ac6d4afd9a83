-- CreateTable
CREATE TABLE "KepWriteBack" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kepNumber" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "status" INTEGER,
    "responseUrl" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KepWriteBack_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KepWriteBack_projectId_kepNumber_createdAt_idx" ON "KepWriteBack"("projectId", "kepNumber", "createdAt");

