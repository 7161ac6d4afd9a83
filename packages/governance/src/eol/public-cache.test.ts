import { afterEach, describe, expect, it } from 'vitest';
import { invalidatePublicCaches, PublicCache } from './public-cache';
import { jsonRepresentation, matchesIfNoneMatch, notModifiedSince } from './representation';

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
  const body = async (value: ReturnType<PublicCache['get']>) => JSON.parse((await value).body).build as number;

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
