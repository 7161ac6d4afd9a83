// Answers that may be a little old but not older than `ttlMs` (the live status pages: sync, job runs,
// qualification, administration; sessions found valid), shared by the requests that ask within that
// time, so a page under load is rendered at most once per interval instead of once per request.
// With `stale: true` an expired answer is still given while its successor is built (one build at a
// time per key), so no request waits for a render once the first one is done. The server clears it
// after every request that may write, so nobody sees their own change missing.

export class LiveCache<T> {
  private readonly entries = new Map<string, { expires: number; value: Promise<T>; settled?: T; next?: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly options: { maxEntries?: number; stale?: boolean } = {},
  ) {}

  get(key: string, build: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    if (hit && this.options.stale && 'settled' in hit) {
      // Expired: one build replaces it; meanwhile everybody gets the answer it replaces.
      if (!hit.next) {
        const next = build();
        hit.next = next;
        next.then(
          (value) => {
            if (this.entries.get(key) === hit) this.entries.set(key, { expires: Date.now() + this.ttlMs, value: next, settled: value });
          },
          () => {
            if (this.entries.get(key) === hit) hit.next = undefined;
          },
        );
      }
      return Promise.resolve(hit.settled as T);
    }
    const entry: { expires: number; value: Promise<T>; settled?: T } = { expires: Number.POSITIVE_INFINITY, value: build() };
    if (this.entries.size >= (this.options.maxEntries ?? 300) && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        entry.settled = value;
        entry.expires = Date.now() + this.ttlMs;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}
