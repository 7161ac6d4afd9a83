import { afterEach, describe, expect, it } from 'vitest';
import { invalidatePublicCaches, PublicCache } from './public-cache';
import { jsonRepresentation, matchesIfNoneMatch, notModifiedSince, type Representation } from './representation';

describe('the public cache', () => {
  let fingerprint = 'v1';
  let clock = 0;
  let builds = 0;
  const caches: PublicCache[] = [];
  const make = () => {
    const cache = new PublicCache({ fingerprint: async () => fingerprint, checkIntervalMs: 1000, now: () => clock });
    caches.push(cache);
    return cache;
  };
  const build = async () => jsonRepresentation({ build: ++builds }, null);
  const body = async (value: Representation | Promise<Representation>) => JSON.parse((await value).body).build as number;

  afterEach(() => {
    for (const cache of caches.splice(0)) cache.dispose();
    fingerprint = 'v1';
    clock = 0;
    builds = 0;
  });

  it('builds once per key and day, then answers from memory', async () => {
    const cache = make();
    expect(await body(cache.get('a', '2026-11-28', build))).toBe(1);
    expect(await body(cache.get('a', '2026-11-28', build))).toBe(1);
    expect(cache.peek('a', '2026-11-28')).toBeDefined();
    expect(await body(cache.get('a', '2026-11-29', build))).toBe(2);
    expect(cache.peek('a', '2026-11-28')).toBeUndefined();
  });

  it('shares one build between concurrent requests', async () => {
    const cache = make();
    const [x, y] = await Promise.all([cache.get('a', 'd', build), cache.get('a', 'd', build)]);
    expect(x).toBe(y);
    expect(builds).toBe(1);
  });

  it('drops everything on invalidatePublicCaches()', async () => {
    const cache = make();
    await cache.get('a', 'd', build);
    invalidatePublicCaches();
    expect(cache.size).toBe(0);
    expect(await body(cache.get('a', 'd', build))).toBe(2);
  });

  it('notices a changed data fingerprint after the check interval, not before', async () => {
    const cache = make();
    await cache.get('a', 'd', build);
    fingerprint = 'v2';
    clock = 500;
    cache.get('a', 'd', build);
    await cache.checkVersion();
    // checkVersion() ran (the explicit call), so the change is seen; the interval only limits how
    // often requests trigger it.
    expect(cache.size).toBe(0);
    expect(await body(cache.get('a', 'd', build))).toBe(2);
    clock = 900;
    fingerprint = 'v3';
    expect(await body(cache.get('a', 'd', build))).toBe(2); // within the interval: no check yet
    clock = 2600;
    cache.get('a', 'd', build); // past the interval: triggers a background check
    await new Promise((resolve) => setImmediate(resolve));
    expect(await body(cache.get('a', 'd', build))).toBe(3);
  });

  it('does not keep an answer built from data that was invalidated meanwhile', async () => {
    const cache = make();
    await cache.get('warm', 'd', build);
    let release!: () => void;
    const slow = cache.get('a', 'd', () => new Promise((resolve) => (release = () => resolve(jsonRepresentation({ stale: true }, null)))));
    await new Promise((resolve) => setImmediate(resolve));
    cache.invalidate();
    release();
    await slow;
    expect(cache.peek('a', 'd')).toBeUndefined();
  });

  it('after an announced write, checks the fingerprint before answering, and rebuilds only when it moved', async () => {
    const cache = make();
    await cache.get('a', 'd', build);
    cache.expectChange();
    expect(cache.peek('a', 'd')).toBeUndefined(); // the fast path steps aside until the check
    expect(await body(cache.get('a', 'd', build))).toBe(1); // fingerprint unchanged: same answer
    expect(cache.peek('a', 'd')).toBeDefined();
    fingerprint = 'v2';
    cache.expectChange();
    expect(await body(cache.get('a', 'd', build))).toBe(2); // the write is seen at once, within the interval
  });

  it('does not let a check that started before an announced write stand for it', async () => {
    let answer!: (value: string) => void;
    const cache = new PublicCache({ fingerprint: () => new Promise((resolve) => (answer = resolve)), checkIntervalMs: 1000, now: () => clock });
    caches.push(cache);
    const first = cache.get('a', 'd', build);
    answer('v1');
    await first;
    clock = 5000;
    const early = cache.checkVersion(); // in flight, reading the data before the write commits
    cache.expectChange();
    const read = cache.get('a', 'd', build);
    answer('v1');
    await early;
    await new Promise((resolve) => setImmediate(resolve));
    answer('v2'); // the check made after the write sees it
    expect(await body(read)).toBe(2);
  });

  it('keeps at most maxEntries values, dropping the oldest', async () => {
    const cache = new PublicCache({ fingerprint: async () => fingerprint, maxEntries: 2, now: () => clock });
    caches.push(cache);
    for (const key of ['a', 'b', 'c']) await cache.get(key, 'd', build);
    expect(cache.size).toBe(2);
    expect(cache.peek('a', 'd')).toBeUndefined();
    expect(cache.peek('c', 'd')).toBeDefined();
  });
});

describe('conditional request rules', () => {
  it('compares If-None-Match weakly and honours *', () => {
    expect(matchesIfNoneMatch('"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', '"abc"')).toBe(false);
    expect(matchesIfNoneMatch(null, '"abc"')).toBe(false);
  });

  it('treats If-Modified-Since as fresh when nothing changed after it', () => {
    const modified = new Date('2026-11-28T10:00:00Z');
    expect(notModifiedSince('Sat, 28 Nov 2026 10:00:00 GMT', modified)).toBe(true);
    expect(notModifiedSince('Sat, 28 Nov 2026 09:59:59 GMT', modified)).toBe(false);
    expect(notModifiedSince('garbage', modified)).toBe(false);
  });
});
