import { applyIssues } from './apply-mirror';
import { fetchPage, type FetchedPage } from './fetch-page';
import type { GhIssue } from './github-types';
import { checkIssueNumbers } from './reconcile-issues';
import { readCursor, writeCursor, yieldToEventLoop, type ListOutcome, type SyncContext } from './sync-lists';

// Issues and pull requests come from one list (the issues list includes pull requests).
//
// Full pass: `sort=created&direction=asc`, followed by `Link`. Creation order never changes, so
// edits during the walk cannot shift items across pages; anything edited meanwhile is caught by
// the incremental query that follows, whose `since` is GitHub's clock when the pass began.
// Deletions and transfers do shift items: one removed from a page already read moves the first
// item of the next page back onto it, and the walk never sees that item (page-number drift). So
// the pass notes, at every page boundary, the numbers between the last item of one page and the
// first of the next that it did not see, and then reconciles (see reconcile-issues.ts): the
// newest page by creation catches the end of the list, and every number the pass should have
// seen and did not, and every mirrored issue it no longer listed, is asked for one by one.
//
// Incremental: `sort=updated&direction=desc&since=S` asked conditionally. `since` stays put while
// everything changed since S fits on one page, so an unchanged repository always asks the same
// URL and gets a 304; once the answer spans pages, S moves up to the newest item seen.

type IssuesCursor =
  // `last`: the number of the last item of the last page read; `unseen`: numbers at page boundaries to ask about;
  // `listedAt`: the pass's own mark on the rows it lists (ISO, to the millisecond; cursors stored before it had none).
  | { phase: 'full'; next: string; page?: number; since: string | null; last?: number | null; unseen?: number[]; listedAt?: string }
  | { phase: 'reconcile'; since: string; last: number | null; unseen: number[]; listedAt?: string }
  | { phase: 'incremental'; since: string };

const ADVANCE_AFTER = 50;
/** How far from a page boundary the pass looks for numbers it did not see (covers up to this many removals during one pass). */
const BOUNDARY_REACH = 100;

/** GitHub's timestamp form, to the second: 2026-11-28T10:00:00Z. */
const githubTime = (date: Date) => date.toISOString().slice(0, 19) + 'Z';

/**
 * The mark a new full pass puts on the rows it lists: GitHub's clock when it began, but always later
 * than any earlier pass's mark. Two passes within one second would otherwise share a mark, and the
 * second would take rows only the first listed (issues deleted since) for listed by itself.
 */
async function newPassMark(ctx: SyncContext, serverTime: string): Promise<string> {
  const previous = await ctx.prisma.githubIssue.aggregate({ where: { repositoryId: ctx.repositoryId }, _max: { listedAt: true } });
  const latest = previous._max.listedAt?.getTime() ?? 0;
  return new Date(Math.max(Date.parse(serverTime), latest + 1)).toISOString();
}

/** The numbers strictly between two neighbours in creation order, nearest each side first (at most BOUNDARY_REACH per side). */
function numbersBetween(before: number, after: number): number[] {
  const numbers = new Set<number>();
  for (let n = before + 1; n < after && n <= before + BOUNDARY_REACH; n += 1) numbers.add(n);
  for (let n = after - 1; n > before && n >= after - BOUNDARY_REACH; n -= 1) numbers.add(n);
  return [...numbers].sort((a, b) => a - b);
}

export async function syncIssues(ctx: SyncContext, options: { full: boolean }): Promise<ListOutcome & { mode: 'full' | 'resume' | 'incremental'; gone: number }> {
  const cursor = await readCursor<IssuesCursor>(ctx.prisma, ctx.repositoryId, 'issues');
  const outcome = { pages: 0, items: 0, changed: 0, notModified: false, gone: 0 };
  const firstOfPass = `${ctx.apiRepo}/issues?state=all&sort=created&direction=asc&per_page=100`;
  let state: IssuesCursor =
    cursor && !(options.full && cursor.phase === 'incremental') ? cursor : { phase: 'full', next: firstOfPass, page: 1, since: null, last: null, unseen: [] };
  const mode = state.phase === 'incremental' ? 'incremental' : cursor && cursor.phase !== 'incremental' ? 'resume' : 'full';

  while (state.phase === 'full') {
    const current: IssuesCursor & { phase: 'full' } = state;
    const page = await fetchPage<GhIssue[]>(ctx.prisma, ctx.client, ctx.credential, current.next, { conditional: false });
    const since = current.since ?? githubTime(page.serverDate ?? ctx.now());
    // A pass resumed from a cursor stored before marks existed keeps marking as it began: with `since`.
    const listedAt = current.listedAt ?? (current.since ? current.since : await newPassMark(ctx, since));
    const pageNumber = current.page ?? Number(new URL(current.next).searchParams.get('page') ?? '1');
    const first = page.items[0]?.number;
    const unseen = [...(current.unseen ?? []), ...(current.last != null && first !== undefined ? numbersBetween(current.last, first) : [])];
    const last = page.items.at(-1)?.number ?? current.last ?? null;
    const nextState: IssuesCursor = page.next
      ? { phase: 'full', next: page.next, page: pageNumber + 1, since, last, unseen, listedAt }
      : { phase: 'reconcile', since, last, unseen, listedAt };
    const changed = await ctx.prisma.$transaction(async (tx) => {
      const count = await applyIssues(tx, ctx.repositoryId, page.items, { listedAt: new Date(listedAt) });
      await writeCursor(tx, ctx.repositoryId, 'issues', nextState);
      return count;
    });
    outcome.pages += 1;
    outcome.items += page.items.length;
    outcome.changed += changed;
    // Resumed passes count pages from where they resumed; `last` still names the final page.
    ctx.progress({ resource: 'issues', page: pageNumber, lastPage: page.lastPage ?? (page.next ? null : pageNumber), items: page.items.length, changed, notModified: false });
    state = nextState;
    await yieldToEventLoop();
  }

  if (state.phase === 'reconcile') {
    const reconciled = await reconcile(ctx, state);
    outcome.pages += reconciled.pages;
    outcome.items += reconciled.items;
    outcome.changed += reconciled.changed;
    outcome.gone += reconciled.gone;
    state = { phase: 'incremental', since: state.since };
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
      await tx.githubEtag.deleteMany({ where: { credential: ctx.credential, key: first } });
    });
  }
  return { ...outcome, mode };
}

/**
 * After a full pass: the newest page by creation (items moved back past the pass's last page, and
 * what was opened meanwhile), then every number the pass should have listed and did not, asked
 * one by one. Ends by moving the cursor to the incremental phase.
 */
async function reconcile(ctx: SyncContext, state: IssuesCursor & { phase: 'reconcile' }) {
  const listedAt = new Date(state.listedAt ?? state.since);
  const newest = await fetchPage<GhIssue[]>(ctx.prisma, ctx.client, ctx.credential, `${ctx.apiRepo}/issues?state=all&sort=created&direction=desc&per_page=100`, { conditional: false });
  const top = Math.max(...newest.items.map((issue) => issue.number), state.last ?? 0);
  const listedNow = new Set(newest.items.map((issue) => issue.number));
  const unseen = [...state.unseen, ...(state.last != null ? numbersBetween(state.last, top + 1).filter((n) => !listedNow.has(n)) : [])];
  const changed = await ctx.prisma.$transaction(async (tx) => {
    const count = await applyIssues(tx, ctx.repositoryId, newest.items, { listedAt });
    await writeCursor(tx, ctx.repositoryId, 'issues', { ...state, unseen });
    return count;
  });
  ctx.progress({ resource: 'issues newest', page: 1, lastPage: 1, items: newest.items.length, changed, notModified: false });
  const checked = await checkIssueNumbers(ctx, { listedAt, unseen });
  await ctx.prisma.$transaction((tx) => writeCursor(tx, ctx.repositoryId, 'issues', { phase: 'incremental', since: state.since }));
  return { pages: 1 + checked.asked, items: newest.items.length + checked.found, changed: changed + checked.changed, gone: checked.gone };
}
