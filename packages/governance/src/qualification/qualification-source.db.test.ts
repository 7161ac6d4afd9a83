import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/open-database';
import { createFakeRuntimeCoreRepository, type FakeRuntimeCoreRepository } from '../testing/fake-runtime-core';
import { recordTags } from '../testing/tags';
import { openTestDatabase } from '../testing/test-database';
import { getQualifications } from './get-qualifications';
import { requestQualification } from './request-qualification';
import { runQualification } from './run-qualification';
import { resolveRef } from './source-tree';

// Qualifications name the source they built. Two refs of a temporary git repository whose
// runtime-core differs are exported into each run's staging directory and built through every real
// step (a tiny runtime-core-shaped package keeps it fast); the working tree is never touched.

describe('qualifying named git refs', () => {
  let db: Database;
  let repo: FakeRuntimeCoreRepository;
  let commitA: string;
  let commitB: string;

  beforeAll(async () => {
    db = await openTestDatabase('seeded');
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.0', 'v2.4.0-rc.1']);
    repo = createFakeRuntimeCoreRepository();
    commitA = repo.commitEngine('engine-a', 1000);
    commitB = repo.commitEngine('engine-b', 800);
    // Work in progress in the working tree: a ref build must neither see nor disturb it.
    repo.editEngine(1234);
  });
  afterAll(async () => {
    await db.close();
    repo?.remove();
  });

  const qualify = async (tag: string, ref: string | null, rerun = false) => {
    const source = ref ? { ref, commit: await resolveRef(repo.packageDir, ref) } : undefined;
    const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag, trigger: 'manual', source, rerun });
    await runQualification(db.prisma, qualification.id, { packageDir: repo.packageDir, benchTasks: 10, benchRepeats: 3 });
    return db.prisma.qualification.findUniqueOrThrow({ where: { id: qualification.id } });
  };

  it('refuses a ref the repository does not have, or that is not a ref name', async () => {
    await expect(resolveRef(repo.packageDir, 'engine-z')).rejects.toThrow('ref: "engine-z" is not a tag, branch or commit of the repository holding runtime-core');
    await expect(resolveRef(repo.packageDir, '--output=/tmp/x')).rejects.toThrow('ref: "--output=/tmp/x" is not a git tag, branch or commit name');
    await expect(resolveRef(repo.packageDir, commitA.slice(0, 10))).resolves.toBe(commitA);
  });

  it('builds two refs whose runtime-core differs, records two source digests, and judges the slower one regressed', async () => {
    const status = repo.git('status', '--porcelain');
    const a = await qualify('v2.4.0-rc.0', 'engine-a');
    expect(a).toMatchObject({ status: 'PASSED', ref: 'engine-a', commit: commitA, dirty: false, tasksPerSecond: 1000, benchSpread: 0, regressed: false });
    expect((a.steps as { name: string; detail?: string }[])[0]).toMatchObject({ name: 'source', detail: expect.stringMatching(/^engine-a at [0-9a-f]{12}; 3 files, sha256:[0-9a-f]{12}…$/) });
    expect(a.log).toContain(`$ git archive ${commitA} (engine-a) into the staging directory`);
    expect(a.log).toContain('<staging>/source/packages/runtime-core/tsconfig.build.json');

    const b = await qualify('v2.4.0-rc.1', 'engine-b');
    expect(b).toMatchObject({ status: 'PASSED', ref: 'engine-b', commit: commitB, dirty: false, tasksPerSecond: 800 });
    expect(b.sourceDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.sourceDigest).not.toBe(a.sourceDigest);
    // Different source, same bench arguments, 20% down and beyond a spread of 0: a regression.
    expect(b).toMatchObject({ regressed: true, regressionNote: '800 tasks/s vs 1000 at v2.4.0-rc.0 #1 (-20.0%)' });

    // The working tree, its index and its branch are as they were; no git worktree was added.
    expect(repo.git('status', '--porcelain')).toBe(status);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(commitB);
    expect(repo.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('says "same source" on a re-run of the same ref, and "source changed" when the working tree differs', async () => {
    const again = await qualify('v2.4.0-rc.0', 'engine-a', true);
    const first = await db.prisma.qualification.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.0', attempt: 1 } });
    expect(again).toMatchObject({ attempt: 2, commit: commitA, sourceDigest: first.sourceDigest });
    // Compared with the newest run of different source (rc.1 at 800), not with its own twin.
    expect(again).toMatchObject({ regressed: false, regressionNote: '1000 tasks/s vs 800 at v2.4.0-rc.1 #1 (+25.0%)' });

    const dirty = await qualify('v2.4.0-rc.1', null, true);
    expect(dirty).toMatchObject({ ref: null, commit: commitB, dirty: true, tasksPerSecond: 1234 });

    const { runs } = await getQualifications(db.prisma, 'containerd', '2.4');
    const note = (tag: string, attempt: number) => runs.find((run) => run.tag === tag && run.attempt === attempt)!.sourceNote;
    expect(note('v2.4.0-rc.0', 2)).toBe('same source as attempt 1');
    expect(note('v2.4.0-rc.1', 2)).toBe('source changed since attempt 1');
    expect(note('v2.4.0-rc.0', 1)).toBeNull();
  }, 120_000);
});
