import type { Prisma, PrismaClient, Tx } from '../db';
import type { GithubClient } from './create-client';
import { fetchPage, pageKey, type FetchedPage } from './fetch-page';

// The shared walk of one GitHub list, page by page, each page stored in one transaction together
// with the cursor that says where to go next, so an interrupted walk resumes after the last stored
// page and never leaves half a page written.

export interface SyncContext {
  prisma: PrismaClient;
  client: GithubClient;
  credential: string;
  repositoryId: number;
  apiRepo: string; // `${apiUrl}/repos/${owner}/${repo}`
  /** Conditionally re-check every page, not only the first (304s cost no rate limit). */
  deep: boolean;
  now: () => Date;
  progress(event: { resource: string; page: number; lastPage?: number | null; items: number; changed: number; notModified: boolean }): void;
}

export interface ListOutcome { pages: number; items: number; changed: number; notModified: boolean }

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function readCursor<T>(prisma: PrismaClient | Tx, repositoryId: number, resource: string): Promise<T | null> {
  const row = await prisma.githubSyncCursor.findUnique({ where: { repositoryId_resource: { repositoryId, resource } } });
  return (row?.state as T | undefined) ?? null;
}

export async function writeCursor(tx: Tx, repositoryId: number, resource: string, state: object): Promise<void> {
  const json = state as Prisma.InputJsonValue;
  await tx.githubSyncCursor.upsert({ where: { repositoryId_resource: { repositoryId, resource } }, create: { repositoryId, resource, state: json }, update: { state: json } });
}

interface ListSpec<T> {
  resource: string;
  firstUrl: string;
  apply(tx: Tx, items: T[]): Promise<number>;
  /** Stop after a page that changed nothing (lists ordered newest first, like releases). */
  stopWhenUnchanged?: boolean;
  /** After a complete walk in one run: remove what GitHub no longer lists. */
  sweep?(tx: Tx, items: T[]): Promise<number>;
}

/**
 * A list's cursor: the next page to ask (GitHub's `Link` URL, which may name the repository by
 * id) and its number, and the list's last page as last seen (its number and item count), which
 * tells whether a page that answered 304 can have a page after it.
 */
interface ListCursor {
  next: string | null;
  page?: number;
  tail?: { page: number; items: number };
}

/** Page `page` of a list, as Shepherd builds it (GitHub answers it like the `Link` form). */
export function pageUrl(firstUrl: string, page: number): string {
  const url = new URL(firstUrl);
  if (page > 1) url.searchParams.set('page', String(page));
  return url.toString();
}

const pageNumberOf = (url: string) => Number(new URL(url).searchParams.get('page') ?? '1') || 1;

/**
 * Asks for the first page conditionally: a 304 means the list is unchanged (lists whose changes
 * land on page one). Otherwise walks the pages by their `Link` URLs. `deep` re-checks every page.
 * Validators are stored per list and page number (see `pageKey`), so a deep walk finds page 2's
 * validator however GitHub spelled page 2's URL.
 */
export async function syncList<T>(ctx: SyncContext, spec: ListSpec<T>): Promise<ListOutcome> {
  const { prisma, repositoryId } = ctx;
  const cursor = await readCursor<ListCursor>(prisma, repositoryId, spec.resource);
  const resuming = Boolean(cursor?.next);
  let url: string | null = cursor?.next ?? spec.firstUrl;
  let page = cursor?.next ? (cursor.page ?? pageNumberOf(cursor.next)) : 1;
  let tail = cursor?.tail;
  const perPage = Number(new URL(spec.firstUrl).searchParams.get('per_page') ?? '30');
  const save = (tx: Tx, next: string | null, nextPage: number | null) => writeCursor(tx, repositoryId, spec.resource, { next, ...(nextPage ? { page: nextPage } : {}), ...(tail ? { tail } : {}) });
  const outcome: ListOutcome = { pages: 0, items: 0, changed: 0, notModified: false };
  const seen: T[] = [];
  let complete = !resuming;
  let unchangedPages = 0;
  while (url) {
    const conditional = outcome.pages === 0 ? !resuming : ctx.deep;
    const fetched: FetchedPage<T[]> = await fetchPage<T[]>(prisma, ctx.client, ctx.credential, url, { conditional, key: pageKey(spec.firstUrl, page) });
    outcome.pages += 1;
    if (fetched.notModified) {
      unchangedPages += 1;
      ctx.progress({ resource: spec.resource, page, lastPage: tail?.page ?? null, items: 0, changed: 0, notModified: true });
      if (outcome.pages === 1 && !ctx.deep) {
        outcome.notModified = true;
        return outcome;
      }
      complete = false; // we did not see that page's items, so nothing may be swept
      // A 304 carries no Link: where the walk goes next is known from what we stored, and the
      // cursor moves with it (or is cleared), never left pointing at a page already asked.
      const nextPage = await pageAfterUnchanged(ctx, spec.firstUrl, page, tail, perPage);
      url = nextPage ? pageUrl(spec.firstUrl, nextPage) : null;
      await prisma.$transaction((tx) => save(tx, url, nextPage));
      if (nextPage) page = nextPage;
      continue;
    }
    const next: string | null = fetched.next;
    if (!next) tail = { page, items: fetched.items.length };
    const changed = await prisma.$transaction(async (tx) => {
      const count = await spec.apply(tx, fetched.items);
      await fetched.saveEtag(tx);
      await save(tx, next, next ? page + 1 : null);
      return count;
    });
    seen.push(...fetched.items);
    outcome.items += fetched.items.length;
    outcome.changed += changed;
    ctx.progress({ resource: spec.resource, page, lastPage: fetched.lastPage ?? (next ? null : page), items: fetched.items.length, changed, notModified: false });
    await yieldToEventLoop();
    if (spec.stopWhenUnchanged && changed === 0 && !ctx.deep) {
      complete = false;
      await prisma.$transaction((tx) => save(tx, null, null));
      break;
    }
    url = next;
    page += 1;
  }
  if (complete && spec.sweep && (await earlierPagesUnchanged(ctx, spec.firstUrl, page - 1, outcome))) {
    const removed = await prisma.$transaction((tx) => spec.sweep!(tx, seen));
    outcome.changed += removed;
  }
  outcome.notModified = unchangedPages > 0 && unchangedPages === outcome.pages;
  return outcome;
}

/**
 * The page after one that answered 304. Before the list's known last page: the next one. On it:
 * the next one only if that last page was full (items appended after it start a new page).
 * Without a known last page (a cursor from before it was kept): a page whose validator we stored.
 */
async function pageAfterUnchanged(ctx: SyncContext, firstUrl: string, page: number, tail: ListCursor['tail'], perPage: number): Promise<number | null> {
  if (tail) return page < tail.page || (page === tail.page && tail.items >= perPage) ? page + 1 : null;
  const stored = await ctx.prisma.githubEtag.findUnique({ where: { credential_key: { credential: ctx.credential, key: pageKey(firstUrl, page + 1) } } });
  return stored ? page + 1 : null;
}

/**
 * Whether a walk of several pages saw a list that held still: an item removed from an early page
 * while the walk went on moves a later item back onto a page already read, where the walk never
 * sees it. Sweeping after such a walk would delete a live row, so the earlier pages are asked
 * again conditionally (304s cost no rate limit) and any change postpones the sweep.
 */
async function earlierPagesUnchanged(ctx: SyncContext, firstUrl: string, lastPage: number, outcome: ListOutcome): Promise<boolean> {
  for (let page = 1; page < lastPage; page += 1) {
    const again = await fetchPage<unknown[]>(ctx.prisma, ctx.client, ctx.credential, pageUrl(firstUrl, page), { conditional: true, key: pageKey(firstUrl, page) });
    outcome.pages += 1;
    if (!again.notModified) return false;
  }
  return true;
}
