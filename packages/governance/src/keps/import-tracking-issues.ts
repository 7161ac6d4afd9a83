import type { PrismaClient } from '../db';
import { invalidArgument } from '../errors';
import type { TrackingIssueInput } from './parse-tracking-issue';
import { STATE_LABEL } from './tracking-rules';
import { linkPullRequests, recordTrackingIssue, type PullRequestInput } from './record-tracking';

// Feeds GitHub's own JSON (REST issue objects, as the issues list returns them, or webhook
// payloads with `issue` / `pull_request`) to the workflow, until the mirror does it on every sync.

interface GithubItem {
  number: number;
  title: string;
  body?: string | null;
  labels?: ({ name: string } | string)[];
  milestone?: { title: string } | null;
  state: string;
  state_reason?: string | null;
  updated_at: string;
  merged_at?: string | null;
  pull_request?: { merged_at?: string | null } | null;
}

function unwrap(entry: unknown, index: number): { item: GithubItem; isPullRequest: boolean } {
  const record = (entry ?? {}) as Record<string, unknown>;
  const isObject = (value: unknown): value is GithubItem => typeof value === 'object' && value !== null && 'number' in value;
  // A webhook payload wraps the object in `issue` or `pull_request`; a REST object is the object.
  const webhookPr = isObject(record.pull_request) ? record.pull_request : null;
  const item = webhookPr ?? (isObject(record.issue) ? record.issue : (record as unknown as GithubItem));
  if (typeof item.number !== 'number' || typeof item.title !== 'string' || typeof item.updated_at !== 'string') {
    throw invalidArgument(`[${index}]: not a GitHub issue or pull request (needs number, title, updated_at)`);
  }
  return { item, isPullRequest: webhookPr !== null || Boolean(item.pull_request) };
}

export function toTrackingIssueInput(item: GithubItem): TrackingIssueInput {
  return {
    number: item.number,
    title: item.title,
    body: item.body ?? null,
    labels: (item.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name)),
    milestone: item.milestone?.title ?? null,
    state: item.state,
    stateReason: item.state_reason ?? null,
    updatedAt: item.updated_at,
  };
}

export function toPullRequestInput(item: GithubItem): PullRequestInput {
  return { number: item.number, title: item.title, body: item.body ?? null, state: item.state, mergedAt: item.merged_at ?? item.pull_request?.merged_at ?? null, updatedAt: item.updated_at };
}

export async function importTrackingIssues(prisma: PrismaClient, options: { projectSlug: string; items: unknown[]; source: string }) {
  const unwrapped = options.items.map(unwrap);
  const report = { issues: 0, tracked: [] as string[], problems: [] as { issue: number; field: string; message: string }[], linked: 0, updated: 0 };
  for (const { item, isPullRequest } of unwrapped) {
    if (isPullRequest) continue;
    const result = await recordTrackingIssue(prisma, { projectSlug: options.projectSlug, issue: toTrackingIssueInput(item), source: `${options.source} #${item.number}` });
    report.issues++;
    if (result.kepNumber && result.state) report.tracked.push(`#${item.number} → KEP-${result.kepNumber} (${STATE_LABEL[result.state]})`);
    if (result.parsed.isTrackingIssue) report.problems.push(...result.parsed.problems.map((p) => ({ issue: item.number, ...p })));
  }
  const pullRequests = unwrapped.filter((u) => u.isPullRequest).map((u) => toPullRequestInput(u.item));
  if (pullRequests.length) Object.assign(report, await linkPullRequests(prisma, { projectSlug: options.projectSlug, pullRequests }));
  return report;
}
