import { PublicCache, readDataFingerprint } from '@shepherd/governance';
import { logger } from '@shepherd/governance/observability/logger';
import { prisma } from './database';

// The process's caches of what is computed once per data version and UTC day
// (packages/governance/src/eol/public-cache.ts), on globalThis because the portal's server and Next's
// bundle each load their own copy of this module:
// - publicCache(): the public API's representations and the pages' view data (lib/views.ts);
// - pageCache(): anonymous pages as Next rendered them (apps/web/server/public-answers.ts);
// - sessionPageCache(): signed-in pages per session, smaller (a page per person adds up).
// All three notice the same writes. SHEPHERD_PUBLIC_CACHE_CHECK_MS: how often writes by other
// processes are looked for (default 5000).

type Caches = { data: PublicCache; pages: PublicCache; sessionPages: PublicCache };
const state = globalThis as typeof globalThis & { shepherdPublicCaches?: Caches };

function caches(): Caches {
  if (!state.shepherdPublicCaches) {
    const make = (maxEntries: number) =>
      new PublicCache({
        fingerprint: async () => readDataFingerprint(await prisma()),
        checkIntervalMs: Number(process.env.SHEPHERD_PUBLIC_CACHE_CHECK_MS) || undefined,
        maxEntries,
        onError: (error) => logger().error({ err: error }, 'public cache: the data version check failed'),
        // Behind the front process (apps/web/server/front.ts), which keeps copies of these answers.
        onInvalidate: () => (process.env.SHEPHERD_FRONT_SECRET ? process.send?.({ type: 'invalidated' }) : undefined),
      });
    state.shepherdPublicCaches = { data: make(5_000), pages: make(500), sessionPages: make(300) };
  }
  return state.shepherdPublicCaches;
}

export const publicCache = () => caches().data;
export const pageCache = () => caches().pages;
export const sessionPageCache = () => caches().sessionPages;

/**
 * Behind the front process the public requests stop reaching this one, and with them the data
 * version checks they trigger: check on a timer instead.
 */
export function checkVersionsEvery(intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const cache of Object.values(caches())) void cache.checkVersion();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A request that may have written was answered: every cache checks the data version before its next answer. */
export function announceWrite(): void {
  for (const cache of Object.values(caches())) cache.expectChange();
}

/** Request origin + path + query → cache key of an answer servePublic computed; bounded like the cache. */
const aliases: Map<string, string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('shepherd.publicUrls')] ??= new Map<string, string>()) as Map<string, string>;
const MAX_ALIASES = 5_000;

export function rememberPublicUrl(url: string, key: string): void {
  if (aliases.size >= MAX_ALIASES && !aliases.has(url)) aliases.delete(aliases.keys().next().value!);
  aliases.set(url, key);
}

/** The cache key of an answer already computed for `url` (origin, path and query), if any. */
export const publicUrlKey = (url: string): string | undefined => aliases.get(url);
