-- Data only. LTS is history: a released branch that was LTS stays LTS even when today's table says
-- only "End of Life". containerd's table history (prisma/seed/containerd/releases-table-history.tsv,
-- PR #11294, 2025-02-05) lists 1.6 as "LTS"; databases seeded before the importer read that column
-- hold isLts = false for it. A fresh database gets it from the seed itself.
UPDATE "ReleaseCycle" SET "isLts" = true
  WHERE "name" = '1.6' AND "isLts" = false
    AND "projectId" IN (SELECT "id" FROM "Project" WHERE "slug" = 'containerd' AND "seededAt" IS NOT NULL);
