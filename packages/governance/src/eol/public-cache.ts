import type { Representation } from './representation';

// The in-process cache behind every public GET: a representation is computed once per
// (data version, UTC day) and then served from a Map, with no database query on the request path.
//
// Invalidation, two ways:
//  - `invalidatePublicCaches()`: mutation code in this process calls it after a write (imports,
//    milestone edits); the next request recomputes.
//  - a data fingerprint (see data-version.ts), re-read in the background at most every
//    `checkIntervalMs`: catches writes made by other processes. Requests keep being answered from
//    the cache while it runs, so data written elsewhere shows up within about that interval.
// A new UTC day empties the cache, because the flags (isEol, isMaintained…) depend on it.

export interface PublicCacheOptions {
  fingerprint: () => Promise<string>;
  checkIntervalMs?: number;
  /** Upper bound on cached representations (keys include query parameters and origins). */
  maxEntries?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export const DEFAULT_CHECK_INTERVAL_MS = 5_000;

const registry: Set<PublicCache> = ((globalThis as Record<symbol, unknown>)[Symbol.for('shepherd.publicCaches')] ??= new Set<PublicCache>()) as Set<PublicCache>;

/** Drops every cached public representation in this process; call it after writing release data. */
export function invalidatePublicCaches(): void {
  for (const cache of registry) cache.invalidate();
}

export class PublicCache {
  private readonly ready = new Map<string, Representation>();
  private readonly pending = new Map<string, Promise<Representation>>();
  private day = '';
  /** Bumped on every invalidation, so a build that started before it is not stored. */
  private generation = 0;
  private fingerprintValue: string | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;
  private readonly interval: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: PublicCacheOptions) {
    this.interval = options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
    this.maxEntries = options.maxEntries ?? 2_000;
    this.now = options.now ?? Date.now;
    registry.add(this);
  }

  /** Stops taking part in `invalidatePublicCaches()` (tests create many caches). */
  dispose(): void {
    registry.delete(this);
  }

  invalidate(): void {
    this.generation++;
    this.ready.clear();
    this.pending.clear();
  }

  get size(): number {
    return this.ready.size;
  }

  /** The ready representation for `key`, without building it (the server's fast path). */
  peek(key: string, today: string): Representation | undefined {
    if (today !== this.day) return undefined;
    if (this.now() - this.checkedAt >= this.interval) void this.checkVersion();
    return this.ready.get(key);
  }

  get(key: string, today: string, build: () => Promise<Representation>): Representation | Promise<Representation> {
    if (today !== this.day) {
      this.invalidate();
      this.day = today;
    }
    if (this.now() - this.checkedAt >= this.interval) void this.checkVersion();
    const hit = this.ready.get(key);
    if (hit) return hit;
    return this.pending.get(key) ?? this.compute(key, build);
  }

  private compute(key: string, build: () => Promise<Representation>): Promise<Representation> {
    const promise = this.buildAndStore(key, build);
    this.pending.set(key, promise);
    promise
      .finally(() => {
        if (this.pending.get(key) === promise) this.pending.delete(key);
      })
      .catch(() => undefined);
    return promise;
  }

  private async buildAndStore(key: string, build: () => Promise<Representation>): Promise<Representation> {
    // The baseline fingerprint is read before the first build, so a write racing with it is seen
    // as a change by the next check rather than missed.
    if (this.fingerprintValue === null) await this.checkVersion();
    const generation = this.generation;
    const value = await build();
    if (generation === this.generation) {
      if (this.ready.size >= this.maxEntries) this.ready.clear();
      this.ready.set(key, value);
    }
    return value;
  }

  /** Re-reads the fingerprint (one query, at most once per interval) and invalidates on change. */
  checkVersion(): Promise<void> {
    if (this.checking) return this.checking;
    this.checkedAt = this.now();
    this.checking = (async () => {
      try {
        const value = await this.options.fingerprint();
        if (this.fingerprintValue !== null && value !== this.fingerprintValue) this.invalidate();
        this.fingerprintValue = value;
      } catch (error) {
        // Keep serving what we have; the next interval tries again.
        this.options.onError?.(error);
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }
}
