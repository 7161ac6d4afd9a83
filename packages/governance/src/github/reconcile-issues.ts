import { applyIssues } from './apply-mirror';
import { httpStatus } from './fetch-page';
import type { GhIssue } from './github-types';
import { yieldToEventLoop, type SyncContext } from './sync-lists';

// What a full pass did not list is asked for one number at a time, and GitHub's documented
// answers for "Get an issue" decide: 200, it is there (the pass missed it while items shifted
// between pages): store it; 301 Moved Permanently, it was transferred (Location names its new
// URL); 410 Gone, it was deleted; 404, it was deleted or transferred where this credential cannot
// see. Only mirrored rows are marked; a number Shepherd never mirrored invents no record.

type Answer =
  | { kind: 'listed'; issue: GhIssue }
  | { kind: 'gone'; reason: 'deleted' | 'transferred'; status: number; movedTo: string | null };

/** The numeric id in a `/repositories/{id}/…` URL. */
const repositoryIdIn = (url: string) => /\/repositories\/(\d+)(?:\/|$)/.exec(url)?.[1] ?? null;

async function askIssue(ctx: SyncContext, number: number, ownId: () => Promise<string>): Promise<Answer> {
  try {
    // Redirects are read, not followed: following one would fetch the issue from its new home.
    const response = await ctx.client.octokit.request(`GET ${ctx.apiRepo}/issues/${number}`, { request: { redirect: 'manual' } });
    if (response.status >= 300 && response.status < 400) {
      const location = String(response.headers.location ?? (response.data as { url?: string } | null)?.url ?? '');
      // A renamed or moved repository redirects to itself by id: the issue did not move.
      if (location && repositoryIdIn(location) === (await ownId())) {
        const moved = await ctx.client.octokit.request(`GET ${location}`);
        return { kind: 'listed', issue: moved.data as GhIssue };
      }
      return { kind: 'gone', reason: 'transferred', status: response.status, movedTo: location || null };
    }
    return { kind: 'listed', issue: response.data as GhIssue };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return { kind: 'gone', reason: 'deleted', status, movedTo: null };
    throw error;
  }
}

/**
 * Asks GitHub about every mirrored issue that is live, was created before the pass began and was
 * not listed by it, and about the `unseen` numbers the pass found missing at its page boundaries.
 */
export async function checkIssueNumbers(ctx: SyncContext, pass: { listedAt: Date; unseen: number[] }): Promise<{ asked: number; found: number; changed: number; gone: number }> {
  const { prisma, repositoryId } = ctx;
  const unlisted = await prisma.githubIssue.findMany({
    where: { repositoryId, deletedAt: null, githubCreatedAt: { lt: pass.listedAt }, OR: [{ listedAt: null }, { listedAt: { not: pass.listedAt } }] },
    select: { number: true },
  });
  const listed = new Set(
    (await prisma.githubIssue.findMany({ where: { repositoryId, number: { in: pass.unseen }, listedAt: pass.listedAt }, select: { number: true } })).map((row) => row.number),
  );
  const numbers = [...new Set([...unlisted.map((row) => row.number), ...pass.unseen.filter((number) => !listed.has(number))])].sort((a, b) => a - b);
  let id: string | null = null;
  const ownId = async () => (id ??= String(((await ctx.client.octokit.request(`GET ${ctx.apiRepo}`)).data as { id: number }).id));
  const result = { asked: 0, found: 0, changed: 0, gone: 0 };
  for (const [index, number] of numbers.entries()) {
    const answer = await askIssue(ctx, number, ownId);
    result.asked += 1;
    const changed = await prisma.$transaction(async (tx) => {
      if (answer.kind === 'listed') return applyIssues(tx, repositoryId, [answer.issue], { listedAt: pass.listedAt });
      const marked = await tx.githubIssue.updateMany({
        where: { repositoryId, number, deletedAt: null },
        data: { deletedAt: ctx.now(), goneReason: answer.reason, goneStatus: answer.status, movedTo: answer.movedTo },
      });
      return marked.count;
    });
    result.changed += changed;
    if (answer.kind === 'listed') result.found += 1;
    else result.gone += changed;
    ctx.progress({ resource: 'issues check', page: index + 1, lastPage: numbers.length, items: answer.kind === 'listed' ? 1 : 0, changed, notModified: false });
    await yieldToEventLoop();
  }
  return result;
}
