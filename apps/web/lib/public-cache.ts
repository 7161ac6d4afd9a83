import { PublicCache, readDataFingerprint } from '@shepherd/governance';
import { logger } from '@shepherd/governance/observability/logger';
import { prisma } from './database';

// The process's one public cache (packages/governance/src/eol/public-cache.ts): the public API's
// representations, the anonymous pages' HTML and the page views' data, all invalidated together. On
// globalThis because the portal's server and Next's bundle each load their own copy of this module.
// SHEPHERD_PUBLIC_CACHE_CHECK_MS: how often other processes' writes are looked for (default 5000).

const state = globalThis as typeof globalThis & { shepherdPublicCache?: PublicCache };

export function publicCache(): PublicCache {
  state.shepherdPublicCache ??= new PublicCache({
    fingerprint: async () => readDataFingerprint(await prisma()),
    checkIntervalMs: Number(process.env.SHEPHERD_PUBLIC_CACHE_CHECK_MS) || undefined,
    onError: (error) => logger().error({ err: error }, 'public cache: the data version check failed'),
  });
  return state.shepherdPublicCache;
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
