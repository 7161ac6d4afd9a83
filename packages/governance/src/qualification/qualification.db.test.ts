import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../db/config';
import type { Database } from '../db/open-database';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { personWithRole } from '../testing/actors';
import { recordTags } from '../testing/tags';
import { openTestDatabase } from '../testing/test-database';
import { assertGaAllowed, getGaGate, overrideGaGate } from './ga-gate';
import { qualifyNow, requestQualification } from './request-qualification';
import { judgeBench, runQualification } from './run-qualification';

// Real qualifications of the real runtime-core: its source named (commit, dirty, digest), built,
// packed, installed from its tarball into a scratch directory, smoke-tested and benchmarked. No
// step is stubbed.

const RUNTIME_CORE = path.join(PROJECT_ROOT, 'packages', 'runtime-core');

/** A copy of runtime-core whose hello module prints the wrong greeting: a broken engine. */
function brokenRuntimeCore(): string {
  // Two levels below the root, so its tsconfig's "../../tsconfig.base.json" and the root's
  // node_modules resolve as they do for the real package.
  const dir = fs.mkdtempSync(path.join(PROJECT_ROOT, '.qualification-test-'));
  const copy = path.join(dir, 'runtime-core');
  fs.mkdirSync(copy);
  for (const entry of fs.readdirSync(RUNTIME_CORE)) {
    if (['node_modules', 'dist'].includes(entry)) continue;
    fs.cpSync(path.join(RUNTIME_CORE, entry), path.join(copy, entry), { recursive: true });
  }
  const modules = path.join(copy, 'src', 'smoke', 'modules.ts');
  fs.writeFileSync(modules, fs.readFileSync(modules, 'utf8').replace('hello from wasi', 'HELLO from wasi'));
  return dir;
}

describe('release-candidate qualification', () => {
  let db: Database;
  let cycleId: number;
  const cleanup: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase('seeded');
    cycleId = (await db.prisma.releaseCycle.findFirstOrThrow({ where: { name: '2.4' } })).id;
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.0']);
  });
  afterAll(async () => {
    await db.close();
    for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('qualifies each known RC once unless asked to run again, and refuses tags that are not known RCs', async () => {
    await expect(requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.999', trigger: 'manual' })).rejects.toThrow(
      'tag: v2.4.0-rc.999 is not a known release candidate of containerd 2.4; its known RCs: v2.4.0-rc.0',
    );
    const first = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.0', trigger: 'tag' });
    const again = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.0', trigger: 'manual' });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, qualification: { id: first.qualification.id } });
    await expect(requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0', trigger: 'manual' })).rejects.toThrow('tag "v2.4.0" is not a release candidate (vX.Y.Z-rc.N)');
    await expect(requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v9.1.0-rc.0', trigger: 'manual' })).rejects.toThrow('containerd has no release cycle 9.1');
    expect((await getGaGate(db.prisma, cycleId)).state).toBe('pending');
    await expect(assertGaAllowed(db.prisma, cycleId)).rejects.toThrow('containerd 2.4 cannot go GA yet: the qualification of its latest RC v2.4.0-rc.0 is queued');
  });

  it('names the source, then builds, packs, installs, smoke-tests and benchmarks the real runtime-core', async () => {
    const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.0', trigger: 'tag' });
    await runQualification(db.prisma, qualification.id, { benchTasks: 200, benchRepeats: 3 });
    const done = await db.prisma.qualification.findUniqueOrThrow({ where: { id: qualification.id } });
    expect(done).toMatchObject({ status: 'PASSED', reason: null, currentStep: null, ref: null });
    expect((done.steps as { name: string; status: string }[]).map((s) => `${s.name}:${s.status}`)).toEqual(['source:passed', 'build:passed', 'pack:passed', 'install:passed', 'smoke:passed', 'bench:passed']);
    // The working tree as it is: HEAD of the repository holding runtime-core, and its files' digest.
    expect(done.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof done.dirty).toBe('boolean');
    expect(done.sourceDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(done.sourceFiles).toBeGreaterThan(50);
    expect(done.benchSpread).toBeCloseTo(Math.max(...done.benchRuns) - Math.min(...done.benchRuns), 6);
    // Paths in the log are the project's, not the server's.
    expect(done.log).toContain('packages/runtime-core/tsconfig.build.json --outDir <staging>/stage/dist');
    expect(done.log).not.toContain(PROJECT_ROOT);
    expect(done.tarballSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.tarballSize).toBeGreaterThan(10_000);
    expect(done.smokeSummary).toMatchObject({ ok: true });
    expect(done.benchRuns).toHaveLength(3);
    expect(done.benchMethod).toBe('--tasks 200 --warmup 200 --parallel 2');
    expect(done.tasksPerSecond).toBeGreaterThan(0);
    expect(done).toMatchObject({ regressed: false, regressionNote: 'no earlier RC to compare with' });
    expect(done.log).toContain('$ runtime-core smoke');
    expect(await getGaGate(db.prisma, cycleId)).toMatchObject({ state: 'green', open: true });
  }, 240_000);

  it('judges regression only against different source benchmarked the same way, beyond 10% and beyond the bench spread', async () => {
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.1']);
    const previous = await db.prisma.qualification.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.0', status: 'PASSED' } });
    // A steady baseline, so the spreads below are the current run's.
    await db.prisma.qualification.update({ where: { id: previous.id }, data: { benchSpread: 0 } });
    const figure = previous.tasksPerSecond!;
    const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.1', trigger: 'tag' });
    const judge = (runs: number[]) => judgeBench(db.prisma, qualification.id, runs);
    // The same source measured twice differs only by the machine: never a regression.
    await db.prisma.qualification.update({ where: { id: qualification.id }, data: { benchMethod: previous.benchMethod, sourceDigest: previous.sourceDigest } });
    expect(await judge([figure * 0.5, figure * 0.5, figure * 0.5])).toMatchObject({
      regressed: false,
      regressionNote: 'same source as v2.4.0-rc.0 #1: not compared (a difference would be the machine\'s noise)',
    });
    // Measured another way (another warm-up, say), the previous RC's figure is no baseline.
    await db.prisma.qualification.update({ where: { id: qualification.id }, data: { benchMethod: '--tasks 500 --warmup 4 --parallel 2', sourceDigest: 'sha256:other' } });
    expect(await judge([figure * 0.5, figure * 0.5, figure * 0.5])).toMatchObject({ regressed: false, regressionNote: 'no earlier RC benchmarked the same way to compare with' });
    await db.prisma.qualification.update({ where: { id: qualification.id }, data: { benchMethod: previous.benchMethod } });
    // One fast outlier does not move the median (0.8 ×), but it makes the spread huge: no evidence.
    expect(await judge([figure * 0.8, figure * 3, figure * 0.75])).toMatchObject({ tasksPerSecond: figure * 0.8, benchSpread: figure * 3 - figure * 0.75, regressed: false });
    expect((await judge([figure * 0.8, figure * 3, figure * 0.75])).regressionNote).toMatch(/tasks\/s vs \d+ at v2\.4\.0-rc\.0 #1 \(-20\.0%, within the bench spread of \d+: not a regression\)$/);
    // Three steady repeats 20% down: beyond 10% and beyond their spread.
    const steady = await judge([figure * 0.79, figure * 0.8, figure * 0.81]);
    expect(steady).toMatchObject({ tasksPerSecond: figure * 0.8, regressed: true });
    expect(steady.regressionNote).toMatch(/tasks\/s vs \d+ at v2\.4\.0-rc\.0 #1 \(-20\.0%\)$/);
    // Within 10%: not regressed.
    expect(await judge([figure * 0.95, figure * 0.94, figure * 0.96])).toMatchObject({ regressed: false });
  });

  it('fails on a broken module, blocks GA with a clear message, and accepts a written override', async () => {
    const dir = brokenRuntimeCore();
    cleanup.push(dir);
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.2']);
    const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.2', trigger: 'tag' });
    await runQualification(db.prisma, qualification.id, { packageDir: path.join(dir, 'runtime-core'), benchRepeats: 1 });
    const done = await db.prisma.qualification.findUniqueOrThrow({ where: { id: qualification.id } });
    expect(done.status).toBe('FAILED');
    expect(done.reason).toMatch(/^smoke: 1 of \d+ cases failed \(hello\)$/);
    expect((done.steps as { name: string }[]).map((s) => s.name)).toEqual(['source', 'build', 'pack', 'install', 'smoke']);
    // A copy outside git (an ignored directory) is named by its files alone.
    expect(done).toMatchObject({ commit: null, dirty: null });
    expect(done.sourceDigest).toMatch(/^sha256:/);

    await expect(assertGaAllowed(db.prisma, cycleId)).rejects.toThrow(
      /^containerd 2\.4 cannot go GA: the qualification of its latest RC v2\.4\.0-rc\.2 failed \(smoke: 1 of \d+ cases failed \(hello\)\)\. A maintainer can override with a written reason\.$/,
    );
    const alice = await personWithRole(db.prisma, 'alice', 'MAINTAINER', { project: 'containerd' });
    const rose = await personWithRole(db.prisma, 'rose', 'RELEASE_OWNER', { project: 'containerd', cycle: '2.4' });
    const override = (actor: Actor, reason: string) => overrideGaGate(db.prisma, actor, { project: 'containerd', cycle: '2.4', reason });
    await expect(override(alice, 'ship it')).rejects.toThrow('reason: write at least 15 characters');
    await expect(override(ANONYMOUS, 'hello greeting case is cosmetic')).rejects.toThrow('Sign in first');
    await expect(override(rose, 'hello greeting case is cosmetic')).rejects.toThrow('You cannot override the GA gate of containerd 2.4: rose is not an admin or maintainer of the project.');
    expect((await getGaGate(db.prisma, cycleId)).state).toBe('red');
    await override(alice, 'hello greeting case is cosmetic; fixed in rc.3');
    expect(await getGaGate(db.prisma, cycleId)).toMatchObject({ state: 'overridden', open: true, override: { by: 'alice' } });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'ga.override' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actor: 'alice', target: 'containerd 2.4', note: 'hello greeting case is cosmetic; fixed in rc.3', after: { gate: 'overridden', tag: 'v2.4.0-rc.2' } });
    await expect(override(alice, 'a second override of the same RC')).rejects.toThrow('nothing to override: v2.4.0-rc.2 is not green, overridden by @alice');
  }, 240_000);

  it('kills a hung step at its timeout and records why', async () => {
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.3']);
    const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.3', trigger: 'manual' });
    await runQualification(db.prisma, qualification.id, { timeoutsMs: { build: 300 } });
    const done = await db.prisma.qualification.findUniqueOrThrow({ where: { id: qualification.id } });
    expect(done).toMatchObject({ status: 'FAILED', reason: 'build timed out after 0.3 s and was killed' });
    expect(done.finishedAt).not.toBeNull();
    expect((await getGaGate(db.prisma, cycleId)).state).toBe('red');
  });
});

describe('tags and the GA gate', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  it('queues a qualification for a new RC tag, and refuses a GA tag while the latest RC is red', async () => {
    const { importTags } = await import('../releases/import-tags');
    const rc = await importTags(db.prisma, { projectSlug: 'containerd', tsv: 'tag\tdate\nv2.4.0-rc.0\t2026-11-20 10:00:00 -0800\n', source: 'rc.tsv' });
    expect(rc.changes).toContain('v2.4.0-rc.0: qualification queued');
    const queued = await db.prisma.qualification.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.0' } });
    await db.prisma.qualification.update({ where: { id: queued.id }, data: { status: 'FAILED', reason: 'smoke: 1 of 8 cases failed (hello)' } });

    const ga = await importTags(db.prisma, { projectSlug: 'containerd', tsv: 'tag\tdate\nv2.4.0\t2026-11-27 10:00:00 -0800\n', source: 'ga.tsv' });
    expect(ga.changes).toContain('2.4: GA tag v2.4.0 seen, but GA is blocked: containerd 2.4 cannot go GA: the qualification of its latest RC v2.4.0-rc.0 failed (smoke: 1 of 8 cases failed (hello))');
    const milestone = await db.prisma.milestone.findFirstOrThrow({ where: { kind: 'GA', cycle: { name: '2.4' } } });
    expect(milestone.actualOn).toBeNull();

    const alice = await personWithRole(db.prisma, 'alice', 'MAINTAINER', { project: 'containerd' });
    await overrideGaGate(db.prisma, alice, { project: 'containerd', cycle: '2.4', reason: 'known flaky case, fixed on main' });
    const again = await importTags(db.prisma, { projectSlug: 'containerd', tsv: 'tag\tdate\nv2.4.0\t2026-11-27 10:00:00 -0800\n', source: 'ga-again.tsv' });
    expect(again.changes).toContain('2.4: GA happened November 27, 2026');
  });

  it('queues "qualify now" for a maintainer or the release owner, once per RC unless re-run, audited', async () => {
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.5'], '2026-11-01');
    const rose = await personWithRole(db.prisma, 'rose', 'RELEASE_OWNER', { project: 'containerd', cycle: '2.4' });
    const vic = await personWithRole(db.prisma, 'vic', 'VIEWER', { project: 'containerd' });
    const ask = (actor: Actor, input: { tag?: string; rerun?: boolean; cycle?: string }) => qualifyNow(db.prisma, actor, { project: 'containerd', cycle: '2.4', ...input });

    const first = await ask(rose, { tag: 'v2.4.0-rc.5' });
    expect(first).toMatchObject({ created: true, qualification: { tag: 'v2.4.0-rc.5', attempt: 1, trigger: 'manual', requestedBy: 'rose', status: 'QUEUED' } });
    expect(await ask(rose, { tag: 'v2.4.0-rc.5' })).toMatchObject({ created: false, qualification: { id: first.qualification.id } });
    expect(await ask(rose, { tag: 'v2.4.0-rc.5', rerun: true })).toMatchObject({ created: true, qualification: { attempt: 2 } });
    const audited = await db.prisma.auditEvent.findMany({ where: { action: 'qualification.request' }, orderBy: { id: 'asc' } });
    expect(audited.map((event) => [event.actor, event.target, event.after])).toEqual([
      ['rose', 'containerd v2.4.0-rc.5', { tag: 'v2.4.0-rc.5', attempt: 1 }],
      ['rose', 'containerd v2.4.0-rc.5', { tag: 'v2.4.0-rc.5', attempt: 2 }],
    ]);
    // Without a tag: the newest known RC by version (rc.5 after rc.0), whatever the tag dates say.
    expect(await ask(rose, { rerun: true })).toMatchObject({ created: true, qualification: { tag: 'v2.4.0-rc.5', attempt: 3 } });

    await expect(ask(vic, { tag: 'v2.4.0-rc.6' })).rejects.toThrow('You cannot request a release-candidate qualification of containerd v2.4.0-rc.6: vic is not an admin or maintainer of the project, or the release owner of this cycle.');
    // A release owner cannot open the gate with a made-up RC: it is refused, naming the known ones.
    await expect(ask(rose, { tag: 'v2.4.0-rc.6' })).rejects.toThrow('tag: v2.4.0-rc.6 is not a known release candidate of containerd 2.4; its known RCs: v2.4.0-rc.5, v2.4.0-rc.0');
    await expect(ask(rose, { tag: 'v2.3.0-rc.1' })).rejects.toThrow('tag: v2.3.0-rc.1 is not a release of containerd 2.4');
    await expect(ask(rose, { tag: 'v2.4.0-beta.1' })).rejects.toThrow('tag "v2.4.0-beta.1" is not a release candidate');
    expect(await db.prisma.qualification.count({ where: { tag: { in: ['v2.4.0-rc.6', 'v2.3.0-rc.1', 'v2.4.0-beta.1'] } } })).toBe(0);
  });
});
