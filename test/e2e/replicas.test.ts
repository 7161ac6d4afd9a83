import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, createApiToken, createLocalUser } from '@shepherd/governance';
import { postgresDatabase, type Database } from '@shepherd/governance/db/index';
import { ROOT } from '../../scripts/build-portal';
import { launchBrowser } from '../support/browser';
import { freePort, startPortal, type Portal } from '../support/portal';
import { signInWithOneTimePassword } from '../support/sign-in';

// The distributed story (issue #20, README "Deployment"): one PostgreSQL, two stateless portal
// replicas and one `npm run jobs` worker. Each replica also runs its in-process scheduler and
// qualification worker, so three schedulers compete for every tick. Runs only with TEST_DATABASE_URL
// (`npm run test:postgres` runs it); it creates and drops its own database on that server.
const adminUrl = process.env.TEST_DATABASE_URL;
const SECRET = 'replicas-e2e-webhook-secret';
const METRICS_TOKEN = 'replicas-e2e-metrics-token';

describe.skipIf(!adminUrl)('two portal replicas and a jobs worker on one PostgreSQL', () => {
  const name = `shepherd_replicas_${process.pid}_${Date.now()}`;
  let databaseUrl: string;
  let admin: Database;
  let database: Database;
  let a: Portal;
  let b: Portal;
  let worker: ChildProcess;
  let workerOutput = '';
  let workerUrl: string;
  let browser: Browser;
  let page: Page;
  const tokens: Record<string, string> = {};
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    admin = postgresDatabase(adminUrl!, { max: 1 });
    await admin.prisma.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    const env = {
      DATABASE_URL: databaseUrl,
      SHEPHERD_TODAY: '2026-11-28',
      SHEPHERD_METRICS_TOKEN: METRICS_TOKEN,
      GITHUB_WEBHOOK_SECRET: SECRET,
      SHEPHERD_LOGIN_ATTEMPTS: '2',
      SHEPHERD_WEBHOOKS_SCHEDULE: '* * * * * *',
      LOG_LEVEL: 'warn',
    };
    // The first replica migrates and seeds; the second finds it done.
    a = await startPortal(env);
    database = postgresDatabase(databaseUrl, { max: 2 });
    passwords.root = (await createLocalUser(database.prisma, CLI, { login: 'root', instanceAdmin: true })).password;
    tokens.root = (await createApiToken(database.prisma, CLI, { login: 'root', name: 'e2e', scopes: ['read', 'write:releases', 'admin'] })).token;
    b = await startPortal(env);
    const port = await freePort();
    worker = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'jobs.ts'), '--port', String(port)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk) => (workerOutput += chunk));
    worker.stderr!.on('data', (chunk) => (workerOutput += chunk));
    workerUrl = `http://127.0.0.1:${port}`;
    for (const deadline = Date.now() + 120_000; ; ) {
      if (worker.exitCode !== null) throw new Error(`the jobs worker exited (${worker.exitCode}):\n${workerOutput}`);
      if ((await fetch(`${workerUrl}/readyz`).catch(() => null))?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`the jobs worker was not ready within 120 s:\n${workerOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await a?.stop();
    await b?.stop();
    await database?.close();
    if (admin) {
      await admin.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await admin.close();
    }
  });

  /** Sum of a counter's samples (every label set, or those whose labels contain `match`) on each process. */
  const counterSum = async (metric: string, match = '') => {
    let sum = 0;
    for (const base of [a.url, b.url, workerUrl]) {
      const text = await (await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      for (const line of text.split('\n')) {
        if (line.startsWith(`${metric}{`) && line.includes(match)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  };

  it('runs each scheduled tick once across the three schedulers', async () => {
    const runs = () => database.prisma.jobRun.findMany({ where: { job: 'webhooks' } });
    await expect.poll(async () => (await runs()).filter((run) => run.finishedAt).length, { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(4);
    // The work each process did (its metrics) adds up to one run per recorded tick: every row
    // finished before the metrics were read counts once, nothing that started after does.
    const before = new Date();
    const done = await counterSum('shepherd_job_runs_total', 'job="webhooks"');
    const after = new Date();
    const rows = await runs();
    const finishedBefore = rows.filter((run) => run.finishedAt && run.finishedAt <= before).length;
    const startedBefore = rows.filter((run) => run.startedAt <= after).length;
    expect(done).toBeGreaterThanOrEqual(finishedBefore);
    expect(done).toBeLessThanOrEqual(startedBefore);
    expect(new Set(rows.map((run) => run.scheduledAt.getTime())).size).toBe(rows.length);
    expect(rows.every((run) => run.outcome !== 'FAILED')).toBe(true);
  });

  it('applies each webhook delivery once, whichever replica received it (GitHub may redeliver to the other)', async () => {
    const appliedBefore = await counterSum('shepherd_webhook_deliveries_applied_total');
    const deliver = async (base: string, id: string) => {
      const body = JSON.stringify({ action: 'created', repository: { full_name: 'containerd/containerd' }, starred_at: '2026-11-28T10:00:00Z' });
      const response = await fetch(`${base}/api/github/webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await sign(SECRET, body), 'X-GitHub-Event': 'star', 'X-GitHub-Delivery': id },
        body,
      });
      return response.status;
    };
    const ids = Array.from({ length: 6 }, (_, index) => `replicas-${Date.now()}-${index}`);
    for (const id of ids) {
      const statuses = await Promise.all([deliver(a.url, id), deliver(b.url, id)]);
      expect(statuses.sort()).toEqual([200, 202]);
    }
    const settled = () => database.prisma.githubWebhookDelivery.findMany({ where: { deliveryId: { in: ids } } });
    await expect.poll(async () => (await settled()).filter((row) => row.status === 'IGNORED' || row.status === 'APPLIED').length, { timeout: 30_000, interval: 250 }).toBe(ids.length);
    const rows = await settled();
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
    expect((await counterSum('shepherd_webhook_deliveries_applied_total')) - appliedBefore).toBe(ids.length);
  });

  it('shares sessions and the sign-in rate limit', async () => {
    await signInWithOneTimePassword(page, a.url, 'root', passwords.root);
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'shepherd_session')!.value;
    const me = async (base: string) => ((await (await fetch(`${base}/api/auth/me`, { headers: { Cookie: `shepherd_session=${session}` } })).json()) as { login?: string }).login ?? null;
    expect(await me(a.url)).toBe('root');
    expect(await me(b.url)).toBe('root');
    // A signed-in page rendered by the other replica.
    const adminPage = await fetch(`${b.url}/admin`, { headers: { Cookie: `shepherd_session=${session}` }, redirect: 'manual' });
    expect(adminPage.status).toBe(200);
    expect(await adminPage.text()).toContain('root');
    await page.context().clearCookies();

    // Two failures allowed per login and address: one on each replica, and the third is refused by either.
    const signIn = async (base: string, password: string) => {
      await page.goto(`${base}/signin`);
      await page.getByLabel('Login').fill('mallory');
      await page.getByLabel('Password').fill(password);
      await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
      return page.locator('main [role=alert]').innerText();
    };
    const wrong = 'Not signed in.\nPassword: wrong login or password';
    expect(await signIn(a.url, 'guess-1')).toBe(wrong);
    expect(await signIn(b.url, 'guess-2')).toBe(wrong);
    expect(await signIn(a.url, 'guess-3')).toMatch(/^Not signed in\.\n+Too many failed sign-ins for mallory/);
    expect(await signIn(b.url, 'guess-4')).toMatch(/^Not signed in\.\n+Too many failed sign-ins for mallory/);
  });

  it("notices in one replica's public cache a write made through the other", async () => {
    const note = `extended by the replicas test ${Date.now()}`;
    const read = async (base: string, pathname: string) => (await fetch(`${base}${pathname}`)).text();
    // Cached on B (the second read comes from memory).
    expect(await read(b.url, '/api/v1/products/containerd')).not.toContain(note);
    expect(await read(b.url, '/projects/containerd/releases')).not.toContain(note);
    await read(b.url, '/projects/containerd/releases');
    const write = await fetch(`${a.url}/api/projects/containerd/cycles/2.3`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${tokens.root}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ extendedSupportNote: note }),
    });
    expect(write.status).toBe(200);
    expect(await read(a.url, '/api/v1/products/containerd')).toContain(note);
    // B looks for other processes' writes every SHEPHERD_PUBLIC_CACHE_CHECK_MS (5 s by default).
    await expect.poll(() => read(b.url, '/api/v1/products/containerd'), { timeout: 30_000, interval: 250 }).toContain(note);
    await expect.poll(() => read(b.url, '/projects/containerd/releases'), { timeout: 30_000, interval: 250 }).toContain(note);
  });
});
