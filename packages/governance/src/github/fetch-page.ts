import type { PrismaClient, Tx } from '../db';
import type { GithubClient } from './create-client';

export interface FetchedPage<T> {
  notModified: boolean;
  items: T;
  /** The absolute URL of the next page (from `Link`), if any. */
  next: string | null;
  /** The page number of `Link: rel="last"`, when GitHub gives one. */
  lastPage: number | null;
  /** The server's `Date`: GitHub's clock, used for `since` so our clock's skew does not matter. */
  serverDate: Date | null;
  /** Saves the validator of this answer; call it in the transaction that stores the page. */
  saveEtag(tx: Tx): Promise<void>;
}

const nothing = async () => undefined;

/** The status of an @octokit/request RequestError ("HttpError"), else undefined. */
export function httpStatus(error: unknown): number | undefined {
  return error instanceof Error && error.name === 'HttpError' ? (error as Error & { status: number }).status : undefined;
}

export function nextLink(link: string | undefined): string | null {
  return link ? (/<([^>]+)>;\s*rel="next"/.exec(link)?.[1] ?? null) : null;
}

function lastPageOf(link: string | undefined): number | null {
  const last = link ? /<([^>]+)>;\s*rel="last"/.exec(link)?.[1] : undefined;
  const page = last ? Number(new URL(last).searchParams.get('page')) : NaN;
  return Number.isInteger(page) && page > 0 ? page : null;
}

/**
 * Where a list page's validator is stored: by the list (its first page's URL as Shepherd builds
 * it) and the page number, never by the URL a `Link` header gave, which names the repository by id
 * (`/repositories/{id}/…`) however the request named it.
 */
export function pageKey(firstUrl: string, page: number): string {
  return page === 1 ? firstUrl : `${firstUrl} page ${page}`;
}

/**
 * GETs one page, conditionally when asked: the validator stored for (credential, key) goes out as
 * If-None-Match, and a 304 (which @octokit/request throws) comes back as `notModified`. The key
 * is the URL unless given (list pages use `pageKey`). A 404 comes back as `items: null` for
 * callers that treat it as "absent".
 */
export async function fetchPage<T>(
  prisma: PrismaClient,
  client: GithubClient,
  credential: string,
  url: string,
  options: { conditional: boolean; allowMissing?: boolean; key?: string },
): Promise<FetchedPage<T>> {
  const key = options.key ?? url;
  const stored = options.conditional ? await prisma.githubEtag.findUnique({ where: { credential_key: { credential, key } } }) : null;
  try {
    const response = await client.octokit.request(`GET ${url}`, { headers: stored ? { 'if-none-match': stored.etag } : {} });
    const etag = response.headers.etag;
    return {
      notModified: false,
      items: response.data as T,
      next: nextLink(response.headers.link),
      lastPage: lastPageOf(response.headers.link),
      serverDate: response.headers.date ? new Date(response.headers.date) : null,
      saveEtag: etag
        ? async (tx) => {
            await tx.githubEtag.upsert({ where: { credential_key: { credential, key } }, create: { credential, key, etag }, update: { etag } });
          }
        : nothing,
    };
  } catch (error) {
    if (httpStatus(error) === 304) {
      return { notModified: true, items: undefined as T, next: null, lastPage: null, serverDate: null, saveEtag: nothing };
    }
    if (options.allowMissing && httpStatus(error) === 404) {
      return { notModified: false, items: null as T, next: null, lastPage: null, serverDate: null, saveEtag: nothing };
    }
    throw error;
  }
}
