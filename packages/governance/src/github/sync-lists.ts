import type { Prisma, PrismaClient, Tx } from '../db';
import type { GithubClient } from './create-client';
import { fetchPage } from './fetch-page';

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
 * Asks for the first page conditionally: a 304 means the list is unchanged (lists whose changes
 * land on page one). Otherwise walks the pages by their `Link` URLs. `deep` re-checks every page.
 */
export async function syncList<T>(ctx: SyncContext, spec: ListSpec<T>): Promise<ListOutcome> {
  const { prisma, repositoryId } = ctx;
  const cursor = await readCursor<{ next?: string | null }>(prisma, repositoryId, spec.resource);
  const resuming = Boolean(cursor?.next);
  let url: string | null = cursor?.next ?? spec.firstUrl;
  const outcome: ListOutcome = { pages: 0, items: 0, changed: 0, notModified: false };
  const seen: T[] = [];
  let complete = !resuming;
  while (url) {
    const conditional = outcome.pages === 0 ? !resuming : ctx.deep;
    const page: Awaited<ReturnType<typeof fetchPage<T[]>>> = await fetchPage<T[]>(prisma, ctx.client, ctx.credential, url, { conditional });
    outcome.pages += 1;
    if (page.notModified) {
      ctx.progress({ resource: spec.resource, page: outcome.pages, items: 0, changed: 0, notModified: true });
      if (outcome.pages === 1 && !ctx.deep) {
        outcome.notModified = true;
        return outcome;
      }
      complete = false; // we did not see that page's items, so nothing may be swept
      url = await nextOfUnchanged(ctx, url);
      continue;
    }
    const next: string | null = page.next;
    const changed = await prisma.$transaction(async (tx) => {
      const count = await spec.apply(tx, page.items);
      await page.saveEtag(tx);
      await writeCursor(tx, repositoryId, spec.resource, { next });
      return count;
    });
    seen.push(...page.items);
    outcome.items += page.items.length;
    outcome.changed += changed;
    ctx.progress({ resource: spec.resource, page: outcome.pages, lastPage: page.lastPage ?? (page.next ? null : outcome.pages), items: page.items.length, changed, notModified: false });
    await yieldToEventLoop();
    if (spec.stopWhenUnchanged && changed === 0 && !ctx.deep) {
      complete = false;
      await prisma.$transaction((tx) => writeCursor(tx, repositoryId, spec.resource, { next: null }));
      break;
    }
    url = next;
  }
  if (complete && spec.sweep) {
    const removed = await prisma.$transaction((tx) => spec.sweep!(tx, seen));
    outcome.changed += removed;
  }
  return outcome;
}

// A 304 carries no Link header we can trust for the next page, so page n+1 is derived from the URL.
async function nextOfUnchanged(ctx: SyncContext, url: string): Promise<string | null> {
  const current = new URL(url);
  const pageNumber = Number(current.searchParams.get('page') ?? '1');
  const last = await ctx.prisma.githubEtag.findMany({ where: { credential: ctx.credential, url: { startsWith: url.split('?')[0] } }, select: { url: true } });
  const nextUrl = new URL(url);
  nextUrl.searchParams.set('page', String(pageNumber + 1));
  // Only follow to pages we have fetched before; beyond them, a 304 chain has ended.
  return last.some((row) => row.url === nextUrl.toString()) ? nextUrl.toString() : null;
}
