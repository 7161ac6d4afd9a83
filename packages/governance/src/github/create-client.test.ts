import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGithub } from '../../../../test/fakes/github/server';
import { createGithubClient, type Clock } from './create-client';

// Rate-limit waits run on an injected clock: it records each wait and moves time forward at once,
// and the fake GitHub reads the same clock, so a reset "an hour from now" arrives immediately.
function testClock(start = Date.now()): Clock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return { waits, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) };
}

let fake: FakeGithub;
let clock: ReturnType<typeof testClock>;
beforeEach(async () => {
  clock = testClock();
  fake = new FakeGithub({ now: clock.now });
  await fake.start();
  fake.repository('octo/limits').addLabel('bug');
});
afterEach(() => fake.close());

const client = (options = {}) => createGithubClient({ apiUrl: fake.url, auth: { kind: 'token', token: 't1' }, webhookSecret: null }, { clock, retryBaseMs: 1, ...options });
const labels = (c: ReturnType<typeof client>) => c.octokit.request('GET /repos/{owner}/{repo}/labels', { owner: 'octo', repo: 'limits' });

describe('GitHub client manners', () => {
  it('waits for the primary rate limit to reset before asking again', async () => {
    fake.setRateLimit('t1', 0, 120);
    const response = await labels(client());
    expect(response.status).toBe(200);
    expect(fake.requests.map((request) => request.status)).toEqual([403, 200]);
    // x-ratelimit-reset is 120 s away; GitHub says to retry after it, so 121 s.
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0] / 1000).toBeGreaterThanOrEqual(120);
    expect(clock.waits[0] / 1000).toBeLessThanOrEqual(122);
  });

  it('honours retry-after on a secondary limit, and waits a minute when it is missing (403 and 429)', async () => {
    fake.inject({ kind: 'secondary', status: 403, retryAfter: 7 });
    fake.inject({ kind: 'secondary', status: 429 });
    const response = await labels(client());
    expect(response.status).toBe(200);
    expect(fake.requests.map((request) => request.status)).toEqual([403, 429, 200]);
    expect(clock.waits).toEqual([7_000, 60_000]);
  });

  it('pauses until the reset when the budget reaches the reserve, instead of spending the last requests', async () => {
    fake.setRateLimit('t1', 3, 300);
    const c = client({ reserve: 2 });
    await labels(c); // leaves 2: the reserve
    expect(clock.waits).toEqual([]);
    await labels(c);
    expect(clock.waits).toHaveLength(1);
    expect(clock.waits[0] / 1000).toBeGreaterThanOrEqual(300);
    expect(fake.requests.every((request) => request.status === 200)).toBe(true);
  });

  it('gives up on waits longer than allowed instead of hanging', async () => {
    fake.setRateLimit('t1', 0, 7200);
    await expect(labels(client({ maxWaitSeconds: 600 }))).rejects.toMatchObject({ status: 403 });
    expect(clock.waits).toEqual([]);
  });

  it('backs off after 5xx answers and dropped connections on the same clock, announcing each wait', async () => {
    fake.inject({ kind: 'status', status: 503 }, { times: 1 });
    fake.inject({ kind: 'drop' }, { times: 1 });
    const announced: string[] = [];
    const c = client({ retryBaseMs: 1000 });
    c.onWait((reason, seconds) => void announced.push(`${seconds} ${reason}`));
    const response = await labels(c);
    expect(response.status).toBe(200);
    expect(clock.waits).toEqual([1_000, 4_000]);
    expect(announced).toEqual([
      `1 GitHub answered 503 Service Unavailable to GET ${fake.url}/repos/octo/limits/labels: Server Error; retry 1 of 4`,
      expect.stringMatching(new RegExp(`^4 No answer from GitHub to GET ${fake.url}/repos/octo/limits/labels: .+; retry 2 of 4$`)),
    ]);
  });

  it('refuses to wait out a reserve longer than allowed, saying until when', async () => {
    fake.setRateLimit('t1', 3, 7200);
    const c = client({ reserve: 2, maxWaitSeconds: 600 });
    await labels(c);
    await expect(labels(c)).rejects.toThrow(/^GitHub's rate limit is down to the 2 requests kept in reserve until \S+Z, longer than the 600 s Shepherd waits \(GET .*\/labels\): retry after \S+Z$/);
    expect(clock.waits).toEqual([]);
  });

  it('answers a conditional request with a 304 that costs no rate limit', async () => {
    const c = client();
    const first = await labels(c);
    const remaining = Number(first.headers['x-ratelimit-remaining']);
    await expect(c.octokit.request('GET /repos/{owner}/{repo}/labels', { owner: 'octo', repo: 'limits', headers: { 'if-none-match': first.headers.etag! } })).rejects.toMatchObject({ status: 304 });
    expect(c.rateLimit.remaining).toBe(remaining);
    expect(c.counters).toEqual({ requests: 2, notModified: 1 });
    // ETags vary with the token: another credential's validator does not match.
    const other = createGithubClient({ apiUrl: fake.url, auth: { kind: 'token', token: 't2' }, webhookSecret: null }, { clock });
    const response = await other.octokit.request('GET /repos/{owner}/{repo}/labels', { owner: 'octo', repo: 'limits', headers: { 'if-none-match': first.headers.etag! } });
    expect(response.status).toBe(200);
  });
});
