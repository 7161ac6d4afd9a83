import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db';
import { parseTrackingIssue } from '../keps/parse-tracking-issue';
import { invalidatePublicCaches } from '../eol/public-cache';

// A data set ten times (and more) the size of containerd's today, for `npm run bench -- pages` and for
// anyone who wants to see how the portal holds up: one project with 200 release cycles, 3,000 tags,
// 2,000 KEPs with their tracking records and tracking issues, and a GitHub mirror of 50,000 issues and
// pull requests, plus the job runs and audit events an instance collects over time. Generated facts,
// deterministic (the same run gives the same rows), all named "scale" so nobody takes them for real.
// `npm run db -- seed-scale` writes it (once: a second run says it is there).

export interface ScaleShape {
  cycles: number;
  tags: number;
  keps: number;
  issues: number;
  jobRuns: number;
  auditEvents: number;
}

export const SCALE_SHAPE: ScaleShape = { cycles: 200, tags: 3_000, keps: 2_000, issues: 50_000, jobRuns: 5_000, auditEvents: 10_000 };
export const SCALE_SLUG = 'scale';

const KUBERNETES = ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37'];
const STATES = ['UNTRIAGED', 'TRIAGED', 'IN_PROGRESS', 'SHIPPED', 'DONE', 'AT_RISK', 'DEFERRED', 'WITHDRAWN'] as const;
const STAGES = ['alpha', 'beta-gate-off', 'beta-gate-on', 'ga'] as const;
const SIGS = ['sig-node', 'sig-node', 'sig-node', 'sig-storage', 'sig-network', 'sig-auth', 'sig-apps'];
const BATCH = 2_000;

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const addMonths = (date: Date, months: number) => {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
};

/** Inserts rows in batches, yielding between them so a server sharing the process keeps answering. */
async function insert<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await write(rows.slice(start, start + BATCH));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface ScaleReport {
  created: boolean;
  project: string;
  counts: Record<string, number>;
}

/**
 * Writes the scale project (slug "scale") with `shape`'s sizes, anchored on `today` (some releases are
 * still to come, most have ended). Refuses nothing and changes nothing when it exists already.
 */
export async function seedScaleProject(prisma: PrismaClient, options: { today: string; shape?: Partial<ScaleShape>; progress?: (line: string) => void }): Promise<ScaleReport> {
  const shape = { ...SCALE_SHAPE, ...options.shape };
  const progress = options.progress ?? (() => undefined);
  const existing = await prisma.project.findUnique({ where: { slug: SCALE_SLUG } });
  if (existing) return { created: false, project: SCALE_SLUG, counts: {} };
  const template = await prisma.releasePolicy.findFirst({ where: { project: { slug: 'containerd' } }, orderBy: { version: 'asc' } });
  if (!template) throw new Error('seed-scale copies containerd\'s first release policy: seed containerd first (npm run db -- migrate)');

  // Cycles: one GA a month, the newest a few months ahead of today; every 20th is an LTS.
  const today = day(options.today);
  const firstGa = addMonths(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 15)), -(shape.cycles - 3));
  const project = await prisma.project.create({
    data: {
      slug: SCALE_SLUG,
      name: 'Scale test runtime',
      repository: 'scale-test/runtime',
      ltsUpgradeLine: [],
      seededAt: new Date(),
      addedBy: 'seed-scale',
      policies: { create: { version: 1, name: 'Scale test policy (containerd\'s first rules)', effectiveFrom: day(iso(addMonths(firstGa, -12))), firstCycle: '1.0', rules: template.rules as object, source: 'seed-scale' } },
    },
  });
  progress(`project "${SCALE_SLUG}"`);
  const cycles = Array.from({ length: shape.cycles }, (_, index) => {
    const major = 1 + Math.floor(index / 20);
    const minor = index % 20;
    const ga = addMonths(firstGa, index);
    return { index, major, minor, name: `${major}.${minor}`, ga, isLts: minor === 0, released: ga <= today };
  });
  await prisma.releaseCycle.createMany({
    data: cycles.map((cycle) => ({ projectId: project.id, name: cycle.name, major: cycle.major, minor: cycle.minor, isLts: cycle.isLts, extendedSupportKubernetes: [] })),
  });
  const cycleIds = new Map((await prisma.releaseCycle.findMany({ where: { projectId: project.id }, select: { id: true, name: true } })).map((row) => [row.name, row.id]));
  const milestones = cycles.flatMap((cycle) => {
    const cycleId = cycleIds.get(cycle.name)!;
    const beta = addDays(cycle.ga, -63);
    const rc = addDays(cycle.ga, -21);
    const happened = (date: Date) => (date <= today ? date : null);
    return [
      { cycleId, kind: 'BETA' as const, plannedOn: beta, actualOn: happened(beta) },
      { cycleId, kind: 'RC' as const, plannedOn: rc, actualOn: happened(rc) },
      { cycleId, kind: 'GA' as const, plannedOn: cycle.ga, actualOn: happened(cycle.ga), tentative: !cycle.released },
      { cycleId, kind: 'END_OF_ACTIVE_SUPPORT' as const, plannedOn: addMonths(cycle.ga, 12) },
      { cycleId, kind: 'EOL' as const, plannedOn: addMonths(cycle.ga, cycle.isLts ? 36 : 18), plannedPrecision: cycle.isLts ? ('MONTH' as const) : ('DAY' as const) },
    ];
  });
  await insert(milestones, (batch) => prisma.milestone.createMany({ data: batch }));
  const people = Array.from({ length: 40 }, (_, index) => ({ login: `scale-maintainer-${index}`, name: `Scale Maintainer ${index}` }));
  await prisma.person.createMany({ data: people, skipDuplicates: true });
  const personIds = new Map((await prisma.person.findMany({ where: { login: { startsWith: 'scale-maintainer-' } } })).map((row) => [row.login, row.id]));
  await insert(
    cycles.flatMap((cycle) => [0, 1].map((position) => ({ cycleId: cycleIds.get(cycle.name)!, personId: personIds.get(`scale-maintainer-${(cycle.index + position * 7) % 40}`)!, role: 'RELEASE_OWNER' as const, position }))),
    (batch) => prisma.cycleOwner.createMany({ data: batch }),
  );
  progress(`${cycles.length} release cycles, ${milestones.length} milestones`);

  // Tags: betas and RCs of every released cycle, then patch releases until there are `shape.tags`.
  const released = cycles.filter((cycle) => cycle.released);
  const tags: { cycleId: number; tag: string; patch: number; preKind: string | null; preNumber: number | null; taggedAt: Date; taggedOn: Date }[] = [];
  for (const cycle of released) {
    const cycleId = cycleIds.get(cycle.name)!;
    const pre = (kind: string, number: number, at: Date) => tags.push({ cycleId, tag: `v${cycle.name}.0-${kind}.${number}`, patch: 0, preKind: kind, preNumber: number, taggedAt: at, taggedOn: day(iso(at)) });
    pre('beta', 0, addDays(cycle.ga, -63));
    pre('rc', 0, addDays(cycle.ga, -21));
    pre('rc', 1, addDays(cycle.ga, -10));
  }
  for (let patch = 0; tags.length < shape.tags; patch++) {
    for (const cycle of released) {
      if (tags.length >= shape.tags) break;
      const at = addDays(cycle.ga, patch * 30);
      if (at > today) continue;
      tags.push({ cycleId: cycleIds.get(cycle.name)!, tag: `v${cycle.name}.${patch}`, patch, preKind: null, preNumber: null, taggedAt: at, taggedOn: day(iso(at)) });
    }
    if (patch > 1_000) break;
  }
  await insert(tags, (batch) => prisma.release.createMany({ data: batch }));
  const supports = KUBERNETES.map((version, position) => ({ projectId: project.id, kubernetesVersion: version, criVersion: 'v1', position }));
  await prisma.kubernetesSupport.createMany({ data: supports });
  const supportIds = await prisma.kubernetesSupport.findMany({ where: { projectId: project.id }, orderBy: { position: 'asc' } });
  const recent = released.slice(-KUBERNETES.length - 2);
  await prisma.kubernetesSupportEntry.createMany({
    data: supportIds.flatMap((support, index) => recent.slice(index, index + 3).map((cycle) => ({ supportId: support.id, cycleId: cycleIds.get(cycle.name)!, minimumVersion: `${cycle.name}.0` }))),
  });
  progress(`${tags.length} tags`);

  // The GitHub mirror: 50,000 issues and pull requests, the first 2,000 of them KEP tracking issues.
  const repository = await prisma.githubRepository.create({
    data: { projectId: project.id, fullName: 'scale-test/runtime', maintainers: people.slice(0, 10).map((person) => ({ login: person.login, name: person.name, role: 'maintainer' })), fullSyncedAt: new Date() },
  });
  await prisma.githubMilestone.createMany({
    data: cycles.map((cycle, index) => ({ repositoryId: repository.id, number: index + 1, title: cycle.name, state: cycle.released ? 'closed' : 'open', githubUpdatedAt: cycle.ga, cycleName: cycle.name })),
  });
  await insert(
    tags.map((tag) => ({ repositoryId: repository.id, name: tag.tag, commitSha: createHash('sha1').update(tag.tag).digest('hex'), firstSeenAt: tag.taggedAt, mappedAt: tag.taggedAt })),
    (batch) => prisma.githubTag.createMany({ data: batch }),
  );
  const trackingBodies = Array.from({ length: shape.keps }, (_, index) => {
    const number = 10_000 + index;
    const release = KUBERNETES[index % KUBERNETES.length];
    const cycle = cycles[Math.max(0, cycles.length - 1 - (index % 12))];
    const stage = STAGES[index % STAGES.length];
    // The shape of containerd's tracking issue template (see test/fixtures/keps/tracking-issues.json).
    const body = [
      '### KEP/SIG-Node References\n',
      `- KEP(s): ${number}`,
      `- stage: ${stage === 'beta-gate-off' ? 'beta w/gate off' : stage === 'beta-gate-on' ? 'beta w/gate on' : stage}`,
      `- KEP Issue: https://github.com/kubernetes/enhancements/issues/${number}`,
      `- K8s-Release: v${release}`,
      `- KEP-Owner: @scale-author-${index % 50}`,
      `- SIG-Node member liason: @scale-maintainer-${index % 40}`,
      `- KEP-Shepherd: @scale-maintainer-${(index + 3) % 40}`,
      '\n### What is the SIG-Node problem you are trying to solve\n\n_No response_',
    ].join('\n');
    return { index, number, release, cycle, stage, body, title: `[SIG-Node]: KEP-${number} - Scale feature ${index}` };
  });
  const startOfMirror = addMonths(today, -60);
  const issues = Array.from({ length: shape.issues }, (_, index) => {
    const number = index + 1;
    const tracking = trackingBodies[index];
    const isPullRequest = !tracking && index % 3 === 0;
    const created = addDays(startOfMirror, Math.floor((index * 1826) / shape.issues));
    const state = tracking ? 'open' : index % 5 === 0 ? 'open' : 'closed';
    return {
      repositoryId: repository.id,
      number,
      isPullRequest,
      title: tracking?.title ?? `${isPullRequest ? 'Scale change' : 'Scale report'} ${number}`,
      body: tracking?.body ?? `Generated body of #${number}.`,
      state,
      author: `scale-author-${index % 50}`,
      assignees: [],
      labels: tracking ? ['kind/feature', 'area/cri', `target/kubernetes/v${tracking.release}`] : index % 4 === 0 ? ['kind/bug'] : [],
      milestoneNumber: tracking ? cycles.indexOf(tracking.cycle) + 1 : null,
      comments: index % 7,
      githubCreatedAt: created,
      githubUpdatedAt: addDays(created, index % 30),
      closedAt: state === 'closed' ? addDays(created, 3) : null,
      mergedAt: isPullRequest && state === 'closed' ? addDays(created, 3) : null,
    };
  });
  await insert(issues, (batch) => prisma.githubIssue.createMany({ data: batch }));
  progress(`GitHub mirror: ${issues.length} issues and pull requests, ${cycles.length} milestones, ${tags.length} tags`);

  // KEPs, their tracking issues (parsed as the mirror would) and tracking records.
  await insert(
    trackingBodies.map((kep) => ({
      key: `${SIGS[kep.index % SIGS.length]}/${kep.number}-scale-feature-${kep.index}`,
      number: String(kep.number),
      enhancementIssue: kep.number,
      title: `Scale feature ${kep.index}`,
      owningSig: SIGS[kep.index % SIGS.length],
      directory: `${kep.number}-scale-feature-${kep.index}`,
      status: kep.index % 9 === 0 ? 'provisional' : 'implementable',
      stage: kep.stage === 'ga' ? 'stable' : kep.stage.startsWith('beta') ? 'beta' : 'alpha',
      latestMilestone: `v${kep.release}`,
      alphaMilestone: `v${kep.release}`,
      authors: [`scale-author-${kep.index % 50}`],
      participatingSigs: ['sig-node'],
      featureGates: [`ScaleFeature${kep.index}`],
      raw: {},
      source: 'seed-scale',
      sha256: createHash('sha256').update(String(kep.number)).digest('hex'),
    })),
    (batch) => prisma.kep.createMany({ data: batch }),
  );
  const parsed = trackingBodies.map((kep) =>
    parseTrackingIssue({ number: kep.index + 1, title: kep.title, body: kep.body, labels: issues[kep.index].labels, milestone: kep.cycle.name, state: 'open', updatedAt: issues[kep.index].githubUpdatedAt.toISOString() }),
  );
  await insert(
    trackingBodies.map((kep, index) => ({
      projectId: project.id,
      number: kep.index + 1,
      title: kep.title,
      state: 'open',
      labels: issues[kep.index].labels,
      milestone: kep.cycle.name,
      kepNumber: parsed[index].kepNumber,
      fields: parsed[index] as object,
      problems: parsed[index].problems,
      revision: issues[kep.index].githubUpdatedAt.toISOString(),
      bodySha256: createHash('sha256').update(`${kep.title}\n${kep.body}`).digest('hex'),
    })),
    (batch) => prisma.kepTrackingIssue.createMany({ data: batch }),
  );
  await insert(
    trackingBodies.map((kep, index) => ({
      projectId: project.id,
      kepNumber: String(kep.number),
      kepKey: `${SIGS[kep.index % SIGS.length]}/${kep.number}-scale-feature-${kep.index}`,
      state: STATES[kep.index % STATES.length],
      kubernetesRelease: kep.release,
      kubernetesStage: kep.stage,
      targetCycle: parsed[index].targetCycle ?? kep.cycle.name,
      shepherds: parsed[index].shepherds,
      kepOwners: parsed[index].kepOwners,
      liaisons: parsed[index].liaisons,
      issueNumber: kep.index + 1,
    })),
    (batch) => prisma.kepTracking.createMany({ data: batch }),
  );
  const trackingIds = await prisma.kepTracking.findMany({ where: { projectId: project.id }, select: { id: true, kepNumber: true }, orderBy: { id: 'asc' } });
  await insert(
    trackingIds.map((tracking, index) => ({
      trackingId: tracking.id,
      number: 2 + index * 3,
      title: `KEP-${tracking.kepNumber}: implementation`,
      state: index % 3 === 0 ? 'merged' : 'open',
      linkedBy: 'title',
      lastActivityAt: addDays(today, -(index % 90)),
    })),
    (batch) => prisma.kepPullRequest.createMany({ data: batch }),
  );
  await insert(
    trackingIds.filter((_, index) => index % 4 === 3).map((tracking, index) => ({ trackingId: tracking.id, stage: 'alpha', cycleName: released[released.length - 1 - (index % 20)].name })),
    (batch) => prisma.kepStageShipment.createMany({ data: batch, skipDuplicates: true }),
  );
  await prisma.kepLiaison.createMany({ data: KUBERNETES.flatMap((release, index) => [0, 1].map((offset) => ({ projectId: project.id, kubernetesRelease: release, login: `scale-maintainer-${(index * 2 + offset) % 40}` }))) });
  await insert(
    trackingIds.map((tracking, index) => ({ kepNumber: tracking.kepNumber, projectId: project.id, kind: 'tracking', field: 'state', before: null, after: STATES[index % STATES.length], source: 'seed-scale', at: addDays(today, -(index % 200)) })),
    (batch) => prisma.kepHistory.createMany({ data: batch }),
  );
  progress(`${trackingIds.length} KEPs with tracking issues and records`);

  // What an instance collects over the years: scheduled job runs and audit events.
  await insert(
    Array.from({ length: shape.jobRuns }, (_, index) => {
      const at = new Date(today.getTime() - (shape.jobRuns - index) * 15 * 60_000);
      return { job: 'scale-sync', scheduledAt: at, worker: 'seed-scale:0', outcome: index % 50 === 0 ? ('FAILED' as const) : ('SUCCEEDED' as const), summary: `run ${index}`, error: index % 50 === 0 ? 'generated failure' : null, startedAt: at, finishedAt: new Date(at.getTime() + 1000), leaseUntil: at };
    }),
    (batch) => prisma.jobRun.createMany({ data: batch, skipDuplicates: true }),
  );
  await insert(
    Array.from({ length: shape.auditEvents }, (_, index) => ({
      at: new Date(today.getTime() - (shape.auditEvents - index) * 60 * 60_000),
      actor: `scale-maintainer-${index % 40}`,
      via: 'session',
      action: 'kep.update',
      projectId: project.id,
      target: `${SCALE_SLUG} KEP-${10_000 + (index % shape.keps)}`,
      before: { state: 'TRIAGED' },
      after: { state: 'IN_PROGRESS' },
    })),
    (batch) => prisma.auditEvent.createMany({ data: batch }),
  );
  progress(`${shape.jobRuns} job runs, ${shape.auditEvents} audit events`);
  invalidatePublicCaches();
  return {
    created: true,
    project: SCALE_SLUG,
    counts: { cycles: cycles.length, tags: tags.length, keps: trackingIds.length, issues: issues.length, jobRuns: shape.jobRuns, auditEvents: shape.auditEvents },
  };
}
