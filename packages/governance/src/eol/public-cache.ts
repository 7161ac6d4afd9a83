// The in-process cache behind every public GET and public page: a value (a representation, or the
// data of a page view) is computed once per (data version, UTC day) and then served from a Map, with
// no database query on the request path.
//
// Invalidation, three ways:
//  - `invalidatePublicCaches()`: mutation code in this process calls it after a write (imports,
//    policy changes); the next request recomputes.
//  - `expectChange()`: the server calls it when a request that may write (any POST, PUT, PATCH,
//    DELETE) has been answered; the next lookup first re-reads the data fingerprint (one query) and
//    recomputes only when it moved, so a reader right after a write never sees the old answer.
//  - a data fingerprint (see data-version.ts), re-read in the background at most every
//    `checkIntervalMs`: catches writes made by other processes (jobs, other replicas). Requests keep
//    being answered from the cache while it runs, so data written elsewhere shows up within about
//    that interval.
// A new UTC day empties the cache, because the flags (isEol, isMaintained…) depend on it.

export interface PublicCacheOptions {
  fingerprint: () => Promise<string>;
  checkIntervalMs?: number;
  /** Upper bound on cached values (keys include query parameters and origins); the oldest go first. */
  maxEntries?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
  /** Called whenever the cached values are dropped (a write, a new fingerprint, a new day). */
  onInvalidate?: () => void;
}

export const DEFAULT_CHECK_INTERVAL_MS = 5_000;

const registry: Set<PublicCache> = ((globalThis as Record<symbol, unknown>)[Symbol.for('shepherd.publicCaches')] ??= new Set<PublicCache>()) as Set<PublicCache>;

/** Drops every cached public value in this process; call it after writing data the public sees. */
export function invalidatePublicCaches(): void {
  for (const cache of registry) cache.invalidate();
}

export class PublicCache {
  private readonly ready = new Map<string, unknown>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private day = '';
  /** Bumped on every invalidation, so a build that started before it is not stored. */
  private generation = 0;
  private fingerprintValue: string | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;
  /** Writes announced by expectChange(), and how many of them the latest finished check covers. */
  private announced = 0;
  private verified = 0;
  private readonly interval: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: PublicCacheOptions) {
    this.interval = options.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS;
    this.maxEntries = options.maxEntries ?? 5_000;
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
    this.options.onInvalidate?.();
  }

  get size(): number {
    return this.ready.size;
  }

  /** A write may have happened: the next lookup checks the fingerprint before answering. */
  expectChange(): void {
    this.announced++;
  }

  /** Whether a lookup must first check the fingerprint (a write was announced since the last check). */
  get mustCheck(): boolean {
    return this.verified < this.announced;
  }

  /**
   * The ready value for `key`, without building it (the server's fast path). Undefined on a new day
   * and while an announced write is unchecked: the caller then takes the slow path, which waits.
   */
  peek<T>(key: string, today: string): T | undefined {
    if (today !== this.day || this.mustCheck) return undefined;
    if (this.now() - this.checkedAt >= this.interval) void this.checkVersion();
    return this.ready.get(key) as T | undefined;
  }

  get<T>(key: string, today: string, build: () => Promise<T>): T | Promise<T> {
    if (this.mustCheck) return this.checkAnnounced().then(() => this.lookup(key, today, build));
    return this.lookup(key, today, build);
  }

  private lookup<T>(key: string, today: string, build: () => Promise<T>): T | Promise<T> {
    if (today !== this.day) {
      this.invalidate();
      this.day = today;
    }
    if (this.now() - this.checkedAt >= this.interval) void this.checkVersion();
    if (this.ready.has(key)) return this.ready.get(key) as T;
    return (this.pending.get(key) as Promise<T> | undefined) ?? this.compute(key, build);
  }

  private async checkAnnounced(): Promise<void> {
    while (this.mustCheck) await this.checkVersion();
  }

  private compute<T>(key: string, build: () => Promise<T>): Promise<T> {
    const promise = this.buildAndStore(key, build);
    this.pending.set(key, promise);
    promise
      .finally(() => {
        if (this.pending.get(key) === promise) this.pending.delete(key);
      })
      .catch(() => undefined);
    return promise;
  }

  private async buildAndStore<T>(key: string, build: () => Promise<T>): Promise<T> {
    // The baseline fingerprint is read before the first build, so a write racing with it is seen
    // as a change by the next check rather than missed.
    if (this.fingerprintValue === null) await this.checkVersion();
    const generation = this.generation;
    const value = await build();
    if (generation === this.generation) {
      if (this.ready.size >= this.maxEntries) this.ready.delete(this.ready.keys().next().value!);
      this.ready.set(key, value);
    }
    return value;
  }

  /** Re-reads the fingerprint (one query; concurrent callers share it) and invalidates on change. */
  checkVersion(): Promise<void> {
    if (this.checking) return this.checking;
    this.checkedAt = this.now();
    const covers = this.announced;
    this.checking = (async () => {
      try {
        const value = await this.options.fingerprint();
        if (this.fingerprintValue !== null && value !== this.fingerprintValue) this.invalidate();
        this.fingerprintValue = value;
      } catch (error) {
        // Keep serving what we have; the next interval tries again.
        this.options.onError?.(error);
      } finally {
        this.verified = Math.max(this.verified, covers);
        this.checking = null;
      }
    })();
    return this.checking;
  }
}
