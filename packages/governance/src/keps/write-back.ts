import type { PrismaClient } from '../db';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertAuthorized } from '../auth/authorize';
import { failedPrecondition, invalidArgument, notFound } from '../errors';
import { applyIssues } from '../github/apply-mirror';
import type { GithubClient } from '../github/create-client';
import type { GithubConfig } from '../github/github-config';
import type { GhIssue } from '../github/github-types';
import { createWriteClient, sendGithubRequest, type GithubRequest } from '../github/send-request';
import { GITHUB_REPOSITORY } from '../github/handles';
import { ensureGithubRepository } from '../github/sync-repository';
import { findProject } from '../releases/get-releases';
import { assignableLogins, buildTrackingIssueRequest, CONTAINERD_TRACKING_TEMPLATE, trackingIssueLabels } from './build-tracking-issue-request';
import { RUNTIME_STAGES, type RuntimeStage } from './parse-tracking-issue';
import { findKepOfTracking } from './get-kep-views';
import { days, isoDay } from './tracking-rules';

// GitHub write-back for a KEP, dry run first: `planWriteBack` computes the exact request from what
// Shepherd knows (nothing is sent), `sendWriteBack` sends that same request for someone allowed to,
// records GitHub's answer (KepWriteBack + the audit log, one transaction) and applies a returned
// issue to the mirror, which re-parses it into the tracking record.

export const WRITE_BACK_KINDS = ['open-issue', 'add-labels', 'set-milestone', 'assign-shepherds', 'nudge'] as const;
export type WriteBackKind = (typeof WRITE_BACK_KINDS)[number];

export const WRITE_BACK_LABEL: Record<WriteBackKind, string> = {
  'open-issue': 'Open the tracking issue',
  'add-labels': 'Add the tracking labels',
  'set-milestone': 'Set the milestone',
  'assign-shepherds': 'Assign the shepherds',
  nudge: 'Nudge an idle pull request',
};

export interface WriteBackInput {
  projectSlug: string;
  kepNumber: string;
  kind: WriteBackKind;
  /** nudge: the idle pull request. */
  pullRequest?: number;
  /** set-milestone: the release cycle whose milestone to set (default: the tracking record's target). */
  cycle?: string;
}

export interface WriteBackPlan {
  kind: WriteBackKind;
  kepNumber: string;
  /** What it does, in a sentence. */
  summary: string;
  request: GithubRequest;
}

export interface WriteBackOptions {
  apiUrl: string;
  today?: Date;
}


async function loadFacts(prisma: PrismaClient, input: WriteBackInput) {
  if (!WRITE_BACK_KINDS.includes(input.kind)) throw invalidArgument(`kind: "${input.kind}" is not one of ${WRITE_BACK_KINDS.join(', ')}`, { field: 'kind' });
  const project = await findProject(prisma, input.projectSlug);
  if (!GITHUB_REPOSITORY.test(project.repository)) throw failedPrecondition(`${project.name} has no GitHub repository to write to`);
  const [tracking, mirror] = await Promise.all([
    prisma.kepTracking.findUnique({ where: { projectId_kepNumber: { projectId: project.id, kepNumber: input.kepNumber } }, include: { pullRequests: true } }),
    prisma.githubRepository.findUnique({ where: { projectId: project.id } }),
  ]);
  // KEP numbers are not unique upstream: the number means the KEP its tracking names, else sig-node's.
  const kep = await findKepOfTracking(prisma, tracking ?? { kepNumber: input.kepNumber, kepKey: null });
  if (!kep && !tracking) throw notFound(`No KEP-${input.kepNumber}: import its kep.yaml first`);
  return { project, kep, tracking, mirror };
}

type Facts = Awaited<ReturnType<typeof loadFacts>>;

function trackingIssueOf(facts: Facts): number {
  const number = facts.tracking?.issueNumber;
  if (!number) throw failedPrecondition(`KEP-${facts.tracking?.kepNumber ?? facts.kep!.number} has no tracking issue in ${facts.project.repository} yet: open it first`);
  return number;
}

async function milestoneOf(prisma: PrismaClient, facts: Facts, cycle: string) {
  const milestones = facts.mirror ? await prisma.githubMilestone.findMany({ where: { repositoryId: facts.mirror.id, cycleName: cycle }, orderBy: { number: 'asc' } }) : [];
  // "2.4" over "v2.4.0" when both exist, open over closed.
  return milestones.sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || a.title.length - b.title.length)[0] ?? null;
}

/** Kubernetes stage of kep.yaml → the runtime form's stage, when it is unambiguous. */
function runtimeStageOf(facts: Facts): RuntimeStage | null {
  const tracked = facts.tracking?.kubernetesStage;
  if (tracked && RUNTIME_STAGES.includes(tracked as RuntimeStage)) return tracked as RuntimeStage;
  return facts.kep?.stage === 'alpha' ? 'alpha' : facts.kep?.stage === 'stable' ? 'ga' : null;
}

/** The exact request a write-back would send; reads only. `actor` signs a nudge. */
export async function planWriteBack(prisma: PrismaClient, actor: Actor, input: WriteBackInput, options: WriteBackOptions): Promise<WriteBackPlan> {
  const facts = await loadFacts(prisma, input);
  const { project, kep, tracking } = facts;
  const repo = `${options.apiUrl}/repos/${project.repository}`;
  const title = kep?.title ?? `KEP-${input.kepNumber}`;
  const template = CONTAINERD_TRACKING_TEMPLATE;

  switch (input.kind) {
    case 'open-issue': {
      if (tracking?.issueNumber) throw failedPrecondition(`KEP-${input.kepNumber} already has tracking issue #${tracking.issueNumber}`);
      const kubernetesRelease = tracking?.kubernetesRelease ?? kep?.latestMilestone ?? null;
      const liaisons = kubernetesRelease ? await prisma.kepLiaison.findMany({ where: { projectId: project.id, kubernetesRelease }, orderBy: { login: 'asc' } }) : [];
      const milestone = tracking?.targetCycle ? await milestoneOf(prisma, facts, tracking.targetCycle) : null;
      const built = buildTrackingIssueRequest(
        {
          repository: project.repository,
          kep: { number: input.kepNumber, title },
          stage: runtimeStageOf(facts),
          kubernetesRelease,
          kepOwners: (kep?.authors ?? []).map((author) => author.replace(/^@/, '')),
          liaisons: liaisons.map((l) => l.login),
          shepherds: tracking?.shepherds ?? [],
          milestoneNumber: milestone?.number ?? null,
        },
        template,
      );
      return { kind: input.kind, kepNumber: input.kepNumber, summary: `Open "${built.body.title}" in ${project.repository}`, request: { method: built.method, url: `${options.apiUrl}${built.url}`, body: built.body } };
    }
    case 'add-labels': {
      const number = trackingIssueOf(facts);
      const issue = await prisma.kepTrackingIssue.findUnique({ where: { projectId_number: { projectId: project.id, number } } });
      const wanted = trackingIssueLabels(template, tracking!.kubernetesRelease);
      const have = new Set((issue?.labels ?? []).map((label) => label.toLowerCase()));
      const labels = wanted.filter((label) => !have.has(label.toLowerCase()));
      if (!labels.length) throw failedPrecondition(`#${number} already has ${wanted.join(', ')}`);
      return { kind: input.kind, kepNumber: input.kepNumber, summary: `Add ${labels.join(', ')} to #${number}`, request: { method: 'POST', url: `${repo}/issues/${number}/labels`, body: { labels } } };
    }
    case 'set-milestone': {
      const number = trackingIssueOf(facts);
      const cycle = input.cycle?.trim() || tracking!.targetCycle;
      if (!cycle) throw failedPrecondition(`KEP-${input.kepNumber} has no runtime target: choose a release cycle`, { field: 'cycle' });
      const milestone = await milestoneOf(prisma, facts, cycle);
      if (!milestone) throw failedPrecondition(`${project.repository} has no milestone for ${cycle} in the mirror (create it on GitHub, then sync)`, { field: 'cycle' });
      return { kind: input.kind, kepNumber: input.kepNumber, summary: `Set the milestone of #${number} to ${milestone.title}`, request: { method: 'PATCH', url: `${repo}/issues/${number}`, body: { milestone: milestone.number } } };
    }
    case 'assign-shepherds': {
      const number = trackingIssueOf(facts);
      const assignees = assignableLogins(tracking!.shepherds);
      if (!assignees.length) throw failedPrecondition(`KEP-${input.kepNumber} has no shepherd to assign: set one first`);
      const issue = facts.mirror ? await prisma.githubIssue.findUnique({ where: { repositoryId_number: { repositoryId: facts.mirror.id, number } } }) : null;
      const assigned = new Set((issue?.assignees ?? []).map((login) => login.toLowerCase()));
      if (assignees.every((login) => assigned.has(login.toLowerCase()))) throw failedPrecondition(`#${number} is already assigned to ${assignees.join(', ')}`);
      return { kind: input.kind, kepNumber: input.kepNumber, summary: `Assign ${assignees.map((l) => `@${l}`).join(', ')} to #${number}`, request: { method: 'POST', url: `${repo}/issues/${number}/assignees`, body: { assignees } } };
    }
    case 'nudge': {
      if (!input.pullRequest) throw invalidArgument('pullRequest: which pull request to nudge', { field: 'pullRequest' });
      const pr = tracking?.pullRequests.find((candidate) => candidate.number === input.pullRequest);
      if (!pr) throw notFound(`#${input.pullRequest} is not a pull request linked to KEP-${input.kepNumber}`, { field: 'pullRequest' });
      if (pr.state !== 'open') throw failedPrecondition(`#${pr.number} is ${pr.state}: only open pull requests are nudged`);
      const today = options.today ?? new Date();
      const idle = days(pr.lastActivityAt, today);
      const mirrored = facts.mirror ? await prisma.githubIssue.findUnique({ where: { repositoryId_number: { repositoryId: facts.mirror.id, number: pr.number } } }) : null;
      const release = tracking!.kubernetesRelease ? await prisma.kubernetesRelease.findUnique({ where: { version: tracking!.kubernetesRelease } }) : null;
      const lines = [
        `${mirrored?.author ? `Hi @${mirrored.author}, this` : 'This'} pull request implements KEP-${input.kepNumber} (${title})${tracking!.issueNumber ? `, tracked in #${tracking!.issueNumber}` : ''}, and has had no activity for ${idle} day${idle === 1 ? '' : 's'}.`,
        [
          release && release.releaseOn.getTime() > today.getTime() ? `Kubernetes ${release.version} code freeze is ${isoDay(release.codeFreeze)}.` : null,
          tracking!.targetCycle ? `The runtime target is ${project.name} ${tracking!.targetCycle}.` : null,
        ].filter(Boolean).join(' '),
        `Is anything blocking it?${tracking!.shepherds.length ? ` The KEP's shepherds (${tracking!.shepherds.map((l) => `@${l}`).join(', ')}) can help.` : ''}`,
        '',
        `<sub>Sent from Shepherd by @${actorName(actor)}.</sub>`,
      ].filter((line, index, all) => line !== '' || all[index - 1] !== '');
      return { kind: input.kind, kepNumber: input.kepNumber, summary: `Comment on #${pr.number} (idle ${idle} days)`, request: { method: 'POST', url: `${repo}/issues/${pr.number}/comments`, body: { body: lines.join('\n') } } };
    }
  }
}

export interface WriteBackResult {
  id: number;
  plan: WriteBackPlan;
  ok: boolean;
  status: number | null;
  /** The page on github.com of what was created or changed. */
  responseUrl: string | null;
  error: string | null;
}

const isIssue = (data: unknown): data is GhIssue =>
  typeof data === 'object' && data !== null && typeof (data as GhIssue).number === 'number' && typeof (data as GhIssue).updated_at === 'string' && typeof (data as GhIssue).title === 'string';

/**
 * Sends the planned request for someone allowed to ('kep.write-back'), then records it. A refusal by
 * GitHub is recorded and audited too, and comes back with `ok: false` and GitHub's message.
 */
export async function sendWriteBack(
  prisma: PrismaClient,
  actor: Actor,
  input: WriteBackInput,
  options: WriteBackOptions & {
    config: GithubConfig;
    client?: GithubClient;
    note?: string | null;
    /** The request the person saw in the dry run: refused if what would be sent now differs. */
    expected?: GithubRequest;
  },
): Promise<WriteBackResult> {
  const project = await findProject(prisma, input.projectSlug);
  const spec = { action: 'kep.write-back' as const, resource: { projectId: project.id, kepNumber: Number(input.kepNumber) }, target: `KEP-${input.kepNumber} in ${project.name}`, note: options.note };
  // Checked before anything goes out; runMutation checks again when it records.
  assertAuthorized(actor, spec.action, spec.resource, spec.target);
  const plan = await planWriteBack(prisma, actor, input, options);
  if (options.expected && JSON.stringify(options.expected) !== JSON.stringify(plan.request)) {
    throw failedPrecondition('The request changed since the dry run (the KEP or GitHub moved on): preview it again before sending');
  }
  const mirror = await ensureGithubRepository(prisma, project.slug);
  const answer = await sendGithubRequest(options.client ?? createWriteClient(options.config), plan.request);
  const responseUrl = (answer.data as { html_url?: unknown } | null)?.html_url;
  const recorded = { status: answer.status, responseUrl: typeof responseUrl === 'string' ? responseUrl : null, error: answer.error };
  const id = await runMutation(prisma, actor, { ...spec, target: `${spec.target}: ${WRITE_BACK_LABEL[plan.kind].toLowerCase()}` }, async (tx) => {
    const row = await tx.kepWriteBack.create({
      data: { projectId: project.id, kepNumber: input.kepNumber, kind: plan.kind, actor: actorName(actor), method: plan.request.method, url: plan.request.url, body: plan.request.body as object, ...recorded },
    });
    // The answer is the issue as it now is: the mirror (and the KEP hook behind it) see it at once.
    if (answer.ok && isIssue(answer.data)) await applyIssues(tx, mirror.id, [answer.data], { orEqual: true });
    return { before: null, after: { kind: plan.kind, request: plan.request, ...recorded }, result: row.id };
  });
  return { id, plan, ok: answer.ok, ...recorded };
}

/** The write-backs made for a KEP, newest first. */
export async function listWriteBacks(prisma: PrismaClient, projectSlug: string, kepNumber: string) {
  const project = await findProject(prisma, projectSlug);
  return prisma.kepWriteBack.findMany({ where: { projectId: project.id, kepNumber }, orderBy: { id: 'desc' } });
}
