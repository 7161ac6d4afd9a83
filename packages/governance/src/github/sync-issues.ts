import { applyIssues } from './apply-mirror';
import { fetchPage, type FetchedPage } from './fetch-page';
import type { GhIssue } from './github-types';
import { readCursor, writeCursor, yieldToEventLoop, type ListOutcome, type SyncContext } from './sync-lists';

// Issues and pull requests come from one list (the issues list includes pull requests).
//
// Full pass: `sort=created&direction=asc`, followed by `Link`. Creation order never changes, so
// edits during the walk cannot shift items across pages; anything edited meanwhile is caught by
// the incremental query that follows, whose `since` is GitHub's clock when the pass began.
//
// Incremental: `sort=updated&direction=desc&since=S` asked conditionally. `since` stays put while
// everything changed since S fits on one page, so an unchanged repository always asks the same
// URL and gets a 304; once the answer spans pages, S moves up to the newest item seen.

type IssuesCursor =
  | { phase: 'full'; next: string; since: string | null }
  | { phase: 'incremental'; since: string };

const ADVANCE_AFTER = 50;

/** GitHub's timestamp form, to the second: 2026-11-28T10:00:00Z. */
const githubTime = (date: Date) => date.toISOString().slice(0, 19) + 'Z';

export async function syncIssues(ctx: SyncContext, options: { full: boolean }): Promise<ListOutcome & { mode: 'full' | 'resume' | 'incremental' }> {
  const cursor = await readCursor<IssuesCursor>(ctx.prisma, ctx.repositoryId, 'issues');
  const outcome = { pages: 0, items: 0, changed: 0, notModified: false };
  let state: IssuesCursor =
    cursor && !(options.full && cursor.phase === 'incremental')
      ? cursor
      : { phase: 'full', next: `${ctx.apiRepo}/issues?state=all&sort=created&direction=asc&per_page=100`, since: null };
  const mode = state.phase === 'incremental' ? 'incremental' : cursor?.phase === 'full' ? 'resume' : 'full';

  while (state.phase === 'full') {
    const current: IssuesCursor & { phase: 'full' } = state;
    const page = await fetchPage<GhIssue[]>(ctx.prisma, ctx.client, ctx.credential, current.next, { conditional: false });
    const since = current.since ?? githubTime(page.serverDate ?? ctx.now());
    const nextState: IssuesCursor = page.next ? { phase: 'full', next: page.next, since } : { phase: 'incremental', since };
    const changed = await ctx.prisma.$transaction(async (tx) => {
      const count = await applyIssues(tx, ctx.repositoryId, page.items);
      await writeCursor(tx, ctx.repositoryId, 'issues', nextState);
      return count;
    });
    outcome.pages += 1;
    outcome.items += page.items.length;
    outcome.changed += changed;
    // Resumed passes count pages from where they resumed; `last` still names the final page.
    const pageNumber = Number(new URL(current.next).searchParams.get('page') ?? '1');
    ctx.progress({ resource: 'issues', page: pageNumber, lastPage: page.lastPage ?? (page.next ? null : pageNumber), items: page.items.length, changed, notModified: false });
    state = nextState;
    await yieldToEventLoop();
  }

  // The incremental query: right after a full pass it also stores the ETag the next run sends.
  const first = `${ctx.apiRepo}/issues?state=all&sort=updated&direction=desc&since=${encodeURIComponent(state.since)}&per_page=100`;
  let url: string | null = first;
  let newest = state.since;
  let items = 0;
  let sincePages = 0;
  while (url) {
    const page: FetchedPage<GhIssue[]> = await fetchPage<GhIssue[]>(ctx.prisma, ctx.client, ctx.credential, url, { conditional: url === first });
    outcome.pages += 1;
    sincePages += 1;
    if (page.notModified) {
      outcome.notModified = outcome.pages === 1;
      ctx.progress({ resource: 'issues since', page: sincePages, items: 0, changed: 0, notModified: true });
      break;
    }
    const changed = await ctx.prisma.$transaction(async (tx) => {
      const count = await applyIssues(tx, ctx.repositoryId, page.items);
      await page.saveEtag(tx);
      return count;
    });
    for (const issue of page.items) if (Date.parse(issue.updated_at) > Date.parse(newest)) newest = githubTime(new Date(issue.updated_at));
    items += page.items.length;
    outcome.items += page.items.length;
    outcome.changed += changed;
    ctx.progress({ resource: 'issues since', page: sincePages, lastPage: page.lastPage ?? (page.next ? null : sincePages), items: page.items.length, changed, notModified: false });
    url = page.next;
    await yieldToEventLoop();
  }
  if (items >= ADVANCE_AFTER && newest !== state.since) {
    await ctx.prisma.$transaction(async (tx) => {
      await writeCursor(tx, ctx.repositoryId, 'issues', { phase: 'incremental', since: newest });
      // That URL is never asked again.
      await tx.githubEtag.deleteMany({ where: { credential: ctx.credential, url: first } });
    });
  }
  return { ...outcome, mode };
}
