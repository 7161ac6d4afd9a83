-- Stored validators are keyed by list and page, no longer by the URL a Link header gave: the
-- column is renamed (page-one and single-resource keys stay valid); validators stored under a
-- later page's URL are never asked for again, so they go.
ALTER TABLE "GithubEtag" RENAME COLUMN "url" TO "key";
ALTER INDEX "GithubEtag_credential_url_key" RENAME TO "GithubEtag_credential_key_key";
DELETE FROM "GithubEtag" WHERE "key" ~ '[?&]page=[0-9]';

-- AlterTable
ALTER TABLE "GithubIssue" ADD COLUMN     "goneReason" TEXT,
ADD COLUMN     "goneStatus" INTEGER,
ADD COLUMN     "listedAt" TIMESTAMP(3),
ADD COLUMN     "movedTo" TEXT;

-- AlterTable
ALTER TABLE "GithubSyncRun" ADD COLUMN     "itemsGone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "waits" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "worker" TEXT;
