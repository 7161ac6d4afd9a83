import { execFile } from 'node:child_process';
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

// The whole path against a fake GitHub: `npm run sync` fills the mirror, the portal's in-process
// scheduler keeps it fresh, and signed webhooks reach POST /api/github/webhook.
describe('GitHub sync and webhooks through the portal', () => {
  const dataDir = seededDataDir('shepherd-e2e-github-');
  const secret = 'e2e-webhook-secret';
  let fake: FakeGithub;
  let portal: Portal;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeGithub();
    seedRepository(fake, 'containerd/containerd', { issues: 250, milestones: 4, tags: 0, labels: 8, maintainers: '[Org]\n\t[Org.Maintainers]\n\t\tpeople = ["estesp"]\n' });
    env = { DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir, GITHUB_API_URL: fake.url, GITHUB_TOKEN: 'e2e-token', GITHUB_WEBHOOK_SECRET: secret };
    // Asynchronously: the fake GitHub answers from this process.
    const sync = await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/sync.ts', 'containerd'], { cwd: ROOT, env: { ...process.env, ...env } });
    // Not a terminal: one plain line per page, then the summary.
    expect(sync.stdout).toContain('issues page 3/3: ');
    expect(sync.stdout).toMatch(/containerd\/containerd: full sync, 9 requests \(0 × 304\)/);
    portal = await startPortal({ ...env, SHEPHERD_SYNC_SCHEDULE: '*/2 * * * * *', SHEPHERD_QUALIFICATION_WORKER: 'off', SHEPHERD_TODAY: '2026-11-28' });
  });
  afterAll(async () => {
    await portal?.stop();
    await fake?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const statusPage = async () => (await fetch(`${portal.url}/sync`)).text();
  async function eventually(check: (html: string) => boolean, what: string) {
    const deadline = Date.now() + 20_000;
    let html = '';
    while (Date.now() < deadline) {
      html = await statusPage();
      if (check(html)) return html;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`${what} did not show on /sync:\n${html.replace(/<[^>]+>/g, ' ').slice(0, 3000)}`);
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
    await eventually((html) => html.replace(/<!-- -->/g, '').includes('Deliveries: 1 applied, 0 queued, 0 failed'), 'the applied delivery');
  });

  it('keeps the mirror fresh from the in-process scheduler and shows runs on the status panel', async () => {
    fake.repository('containerd/containerd').updateIssue(7, { title: 'Edited upstream' });
    const html = (await eventually((page) => /incremental/.test(page) && /1 of \d+ received/.test(page.replace(/<!-- -->/g, '')), 'an incremental run with the edit')).replace(/<!-- -->/g, '');
    expect(html).toMatch(/\d+ issues, \d+ pull requests, 4 milestones, 8 labels, 0 releases, 0 tags, 1 maintainers/);
    expect(html).toContain('>sync<');
    expect(html).toMatch(/badge phase-ACTIVE">succeeded/);
    const jobs = (await (await fetch(`${portal.url}/sync/jobs`)).text()).replace(/<!-- -->/g, '');
    expect(jobs).toMatch(/sync:? ?<\/td>|>sync</);
    expect(jobs).toMatch(/containerd: \d+ requests \(\d+ × 304\), \d+ changed/);
  });
});
