import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '../db/migrate';
import { pgliteRunner, type SqlRunner } from '../db/sql-runner';

// The migrations that made a KEP's directory its identity, on rows as the previous schema held them
// (number unique and normalised, source relative to where the import ran, liaisons on the release):
// every row keeps its data and links, nothing is dropped.
const IDENTITY = '20261206102700_kep_identity_by_directory';

describe('migrating existing KEP data to identity by directory', () => {
  let pglite: PGlite;
  let runner: SqlRunner;
  beforeAll(async () => {
    pglite = await PGlite.create();
    runner = pgliteRunner(pglite);
    const all = readMigrations();
    await applyMigrations(runner, all.filter((migration) => migration.name < IDENTITY));
    await pglite.exec(`
      INSERT INTO "Project" (slug, name, repository, "seededAt", "updatedAt") VALUES ('containerd', 'containerd', 'containerd/containerd', now(), now());
      INSERT INTO "ReleaseCycle" ("projectId", name, major, minor, "publishedStatus", "publishedPhase", "isLts", "updatedAt")
        VALUES (1, '1.6', 1, 6, 'End of Life', 'END_OF_LIFE', false, now()), (1, '2.1', 2, 1, 'End of Life', 'END_OF_LIFE', false, now());
      INSERT INTO "Kep" (number, title, "owningSig", directory, raw, source, sha256, "updatedAt", authors, "participatingSigs", "featureGates") VALUES
        ('4960', 'Container Stop Signals', 'sig-node', '4960-container-stop-signals',
         '{"kep-number": "4960", "reviewers": ["@mikebrow", "@thockin"], "approvers": ["@sergeykanzhelev"]}',
         'test/fixtures/keps/sig-node/4960-container-stop-signals/kep.yaml', 'x', now(), '{}', '{}', '{}'),
        ('2043', 'Pod resource concrete assignments', 'sig-node', '2043-pod-resource-concrete-assigments',
         '{"kep-number": "1884"}', 'kubernetes/enhancements/keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml', 'x', now(), '{}', '{}', '{}'),
        ('0', 'Cloud Provider Template', 'sig-cloud-provider', '0000-cloud-provider-template',
         '{"kep-number": "0000"}', '../enhancements/keps/sig-cloud-provider/providers/0000-cloud-provider-template/kep.yaml', 'x', now(), '{}', '{}', '{}'),
        ('5823', 'Pod-level checkpoint/restore', 'sig-node', '5823-pod-level-checkpoint-restore', '{}', 'keps.json#7', 'x', now(), '{}', '{}', '{}');
      INSERT INTO "KepHistory" ("kepNumber", kind, field, before, after, source) VALUES
        ('4960', 'metadata', 'stage', 'alpha', 'beta', 'import'), ('4960', 'issue', 'shepherds', null, 'samuelkarp', 'GitHub issue #2');
      INSERT INTO "KepTrackingIssue" ("projectId", number, title, state, labels, fields, problems, revision, "bodySha256")
        VALUES (1, 2, '[SIG-Node]: KEP-4960 - Container Stop Signals', 'open', '{}', '{"liaisons": ["mikebrow"], "shepherds": ["samuelkarp"]}', '[]', '2026-05-02T00:00:00Z', 'x');
      INSERT INTO "KepTracking" ("projectId", "kepNumber", shepherds, "kepOwners", "issueNumber", "updatedAt") VALUES (1, '4960', '{samuelkarp}', '{}', 2, now());
    `);
    await applyMigrations(runner, all);
  });
  afterAll(async () => {
    await pglite?.close();
  });

  it('keys every KEP by its directory and keeps the number as written', async () => {
    const keps = await runner.query<{ key: string; number: string; enhancementIssue: number | null; path: string | null; repository: string | null; reviewers: string[]; approvers: string[] }>(
      'SELECT key, number, "enhancementIssue", path, repository, reviewers, approvers FROM "Kep" ORDER BY id',
    );
    expect(keps).toEqual([
      { key: 'sig-node/4960-container-stop-signals', number: '4960', enhancementIssue: 4960, path: 'keps/sig-node/4960-container-stop-signals/kep.yaml', repository: 'kubernetes/enhancements', reviewers: ['@mikebrow', '@thockin'], approvers: ['@sergeykanzhelev'] },
      { key: 'sig-node/2043-pod-resource-concrete-assigments', number: '2043', enhancementIssue: 2043, path: 'keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml', repository: 'kubernetes/enhancements', reviewers: [], approvers: [] },
      { key: 'sig-cloud-provider/providers/0000-cloud-provider-template', number: '0000', enhancementIssue: null, path: 'keps/sig-cloud-provider/providers/0000-cloud-provider-template/kep.yaml', repository: 'kubernetes/enhancements', reviewers: [], approvers: [] },
      { key: 'sig-node/5823-pod-level-checkpoint-restore', number: '5823', enhancementIssue: 5823, path: null, repository: null, reviewers: [], approvers: [] },
    ]);
  });

  it('keeps history and tracking records linked, and moves the issue’s liaison onto its KEP', async () => {
    const history = await runner.query<{ kind: string; kepNumber: string; kepKey: string | null }>('SELECT kind, "kepNumber", "kepKey" FROM "KepHistory" ORDER BY id');
    expect(history).toEqual([
      { kind: 'metadata', kepNumber: '4960', kepKey: 'sig-node/4960-container-stop-signals' },
      { kind: 'issue', kepNumber: '4960', kepKey: null },
    ]);
    const tracking = await runner.query<{ kepNumber: string; kepKey: string | null; liaisons: string[]; backupLiaisons: string[]; shepherds: string[] }>(
      'SELECT "kepNumber", "kepKey", liaisons, "backupLiaisons", shepherds FROM "KepTracking"',
    );
    expect(tracking).toEqual([{ kepNumber: '4960', kepKey: null, liaisons: ['mikebrow'], backupLiaisons: [], shepherds: ['samuelkarp'] }]);
  });

  it('marks containerd 1.6 LTS, as its table history says, and nothing else', async () => {
    const cycles = await runner.query<{ name: string; isLts: boolean }>('SELECT name, "isLts" FROM "ReleaseCycle" ORDER BY name');
    expect(cycles).toEqual([{ name: '1.6', isLts: true }, { name: '2.1', isLts: false }]);
  });
});
