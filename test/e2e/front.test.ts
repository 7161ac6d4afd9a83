import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from '../support/portal';

// The production portal's two processes (apps/web/server/front.ts): the front answers copies of what
// the Next process answered from memory, drops them when a request that may write is answered, and the
// Next process does not outlive the front.
describe('the front process', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal({ SHEPHERD_TODAY: '2026-11-28', SHEPHERD_SCHEDULER: 'off', SHEPHERD_QUALIFICATION_WORKER: 'off', LOG_FORMAT: 'json', LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const lines = () =>
    portal
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { pid: number; url?: string; method?: string; servedBy?: string; msg: string });
  /** Which process answered each GET of `url`, in order: 'front', or what the Next process says. */
  const answeredBy = (url: string) => lines().filter((line) => line.url === url && line.method === 'GET').map((line) => (line.pid === portal.child.pid ? 'front' : line.servedBy));

  it('answers repeats itself, and passes the next one on after a write', async () => {
    const url = '/projects/containerd/releases?front';
    for (let i = 0; i < 3; i++) expect((await fetch(`${portal.url}${url}`)).status).toBe(200);
    // Rendered by Next, then served from the Next process's memory (which hands the front a copy), then by the front.
    await expect.poll(() => answeredBy(url)).toEqual(['cache', 'cache', 'front']);
    // Any request that may write counts, even a refused sign-in.
    const refused = await fetch(`${portal.url}/api/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json', origin: portal.url }, body: JSON.stringify({ login: 'nobody', password: 'wrong-password-123' }) });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await fetch(`${portal.url}${url}`);
    await expect.poll(() => answeredBy(url).length).toBe(4);
    expect(answeredBy(url)[3]).toBe('cache');
    // Then the front has a copy again (a copy of an answer begun before the write's end is refused, so it may take one more).
    await expect
      .poll(async () => {
        await fetch(`${portal.url}${url}`);
        return answeredBy(url).slice(4);
      })
      .toContain('front');
  });

  it('stops the Next process when the front is killed outright', async () => {
    const nextPid = lines().find((line) => line.pid !== portal.child.pid)!.pid;
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(nextPid)).toBe(true);
    portal.child.kill('SIGKILL');
    await expect.poll(() => alive(nextPid), { timeout: 30_000, interval: 200 }).toBe(false);
  }, 60_000);
});
