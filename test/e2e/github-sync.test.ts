import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-portal';
import { startFakeGithub, type FakeGithub } from '../fakes/github/server';
import { seedRepository } from '../fakes/github/seed';
import { deliverWebhook, webhookFixture } from '../fakes/github/webhooks';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';

// The whole path against a fake GitHub: `npm run sync` fills the mirror (a first run killed
// mid-way, a second that resumes and closes the dead run as failed), the portal's in-process
// scheduler keeps it fresh, and signed webhooks reach POST /api/github/webhook. Every wait here
// is for an event (a request reaching the fake, a record appearing on a page), never for a time.
describe('GitHub sync and webhooks through the portal', () => {
  const dataDir = seededDataDir('shepherd-e2e-github-');
  const secret = 'e2e-webhook-secret';
  let fake: FakeGithub;
  let portal: Portal;
  let env: Record<string, string>;

  // The portal's build (when sources changed) has its own hook, so it does not eat into the syncs'
  // time; it may queue behind other builds (they share a machine-wide lock), hence its longer limit.
  beforeAll(async () => {
    fake = await startFakeGithub();
    seedRepository(fake, 'containerd/containerd', { issues: 250, milestones: 4, tags: 0, labels: 8, maintainers: '[Org]\n\t[Org.Maintainers]\n\t\tpeople = ["estesp"]\n' });
    env = { DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir, GITHUB_API_URL: fake.url, GITHUB_TOKEN: 'e2e-token', GITHUB_WEBHOOK_SECRET: secret };
    const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
    // The first sync is killed (SIGKILL, no chance to record anything) when it asks for page 2 of
    // the issues, before that page is answered. (`node --import tsx`: one process, where the tsx
    // command would run the sync in a child that outlives its killed parent.)
    const killed = spawn(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', 'containerd'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    fake.inject({ kind: 'change', apply: () => void killed.kill('SIGKILL') }, { match: (url) => url.pathname.endsWith('/issues') && url.searchParams.get('page') === '2' });
    await once(killed, 'exit');
    // Asynchronously: the fake GitHub answers from this process.
    const sync = await promisify(execFile)(tsx, ['scripts/sync.ts', 'containerd'], { cwd: ROOT, env: { ...process.env, ...env } });
    // Not a terminal: one plain line per page, then the summary. It resumes at page 2.
    expect(sync.stdout).toContain('issues page 2/3: ');
    expect(sync.stdout).toContain('issues page 3/3: ');
    expect(sync.stdout).not.toContain('issues page 1');
    // Milestones and labels were stored by the killed run (304s); issue pages 2 and 3, the newest
    // page, the incremental query, releases, tags and MAINTAINERS.
    expect(sync.stdout).toMatch(/containerd\/containerd: resume sync, 9 requests \(2 × 304\)/);
    portal = await startPortal({ ...env, SHEPHERD_SYNC_SCHEDULE: '*/2 * * * * *', SHEPHERD_QUALIFICATION_WORKER: 'off', SHEPHERD_TODAY: '2026-11-28' });
  });
  afterAll(async () => {
    await portal?.stop();
    await fake?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Reads `page` until `check` accepts it. Each condition is a record that stays once written (a
   * delivery applied, a run finished), so a slow machine only makes this take longer; the test's
   * own timeout is the only clock.
   */
  async function untilShown(page: string, check: (html: string) => boolean): Promise<string> {
    for (;;) {
      const html = (await (await fetch(`${portal.url}${page}`)).text()).replace(/<!-- -->/g, '');
      if (check(html)) return html;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  it('rejects forged and unsigned deliveries, queues a signed one once, and applies it', async () => {
    const payload = JSON.parse(webhookFixture('issues', 'opened'));
    payload.repository.full_name = 'containerd/containerd';
    payload.issue.number = 9001;
    const body = JSON.stringify(payload);
    const hook = `${portal.url}/api/github/webhook`;
    expect((await deliverWebhook(hook, { event: 'issues', body, secret: 'wrong secret' })).status).toBe(401);
    expect((await deliverWebhook(hook, { event: 'issues', body, secret: null })).status).toBe(401);
    const first = await deliverWebhook(hook, { event: 'issues', body, secret, deliveryId: 'e2e-delivery-1' });
    expect(first).toMatchObject({ status: 202, body: { message: 'queued', delivery: 'e2e-delivery-1' } });
    const again = await deliverWebhook(hook, { event: 'issues', body, secret, deliveryId: 'e2e-delivery-1' });
    expect(again.status).toBe(200);
    await untilShown('/sync', (html) => html.includes('Deliveries: 1 applied, 0 queued, 0 failed'));
  });

  it('keeps the mirror fresh from the in-process scheduler and shows runs on the status panel', { timeout: 120_000 }, async () => {
    const from = fake.requests.length;
    fake.repository('containerd/containerd').updateIssue(7, { title: 'Edited upstream' });
    // The event: a scheduled sync asked for what changed since its last run and got the edit.
    await fake.waitForRequest((request) => request.path.includes('since=') && request.status === 200, from);
    // Its run's summary stays on /sync/jobs (later quiet runs add rows, they do not replace it).
    const jobs = await untilShown('/sync/jobs', (html) => /containerd: \d+ requests \(\d+ × 304\), 1 changed/.test(html));
    expect(jobs).toMatch(/>sync</);
    // The panel shows the latest run once it has finished (one may be running when we look).
    const html = await untilShown('/sync', (page) => /badge phase-ACTIVE">succeeded<\/span> incremental \(job\)/.test(page));
    expect(html).toMatch(/\d+ issues, \d+ pull requests, 4 milestones, 8 labels, 0 releases, 0 tags, 1 maintainers/);
    expect(html).toContain('>sync<');
    // The run killed before the portal started is failed, saying why, not left running.
    expect(html).toMatch(/the sync process \([^)]+\) stopped before the run finished \(killed or crashed\)/);
  });
});
