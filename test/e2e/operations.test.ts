import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@shepherd/governance';
import { HANDED_BACK } from '@shepherd/governance/scheduler/index';
import { ROOT } from '../../scripts/build-portal';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';

// What an operator relies on (issue #20 "Logs, health, metrics, shutdown"), on the production portal:
// /healthz, /readyz, /metrics behind its token, one JSON log line per request, the security headers on
// answers served from memory, and SIGTERM: no new requests, the running qualification and the running
// scheduled job handed back (marked for retry, lease released), exit 0 within its budget.
describe('operations: health, metrics, logs and SIGTERM', () => {
  const dataDir = seededDataDir('shepherd-e2e-operations-');
  const METRICS_TOKEN = 'e2e-metrics-token-0123456789';
  let portal: Portal;
  // A GitHub that never answers: the sync job started by the scheduler stays in flight until shutdown.
  const pending = new Set<http.ServerResponse>();
  let githubAsked!: () => void;
  const githubWasAsked = new Promise<void>((resolve) => (githubAsked = resolve));
  const hangingGithub = http.createServer((_request, response) => {
    pending.add(response);
    githubAsked();
  });

  beforeAll(async () => {
    const tags = path.join(dataDir, 'rc.tsv');
    fs.writeFileSync(tags, 'tag\tdate\nv2.4.0-rc.0\t2026-11-20 10:00:00 -0800\n');
    // Importing an RC whose date has passed queues its qualification.
    const imported = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import.ts', 'tags', tags, '--project', 'containerd'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    if (imported.status !== 0) throw new Error(imported.stdout + imported.stderr);
    await new Promise<void>((resolve) => hangingGithub.listen(0, '127.0.0.1', resolve));
    const { port } = hangingGithub.address() as net.AddressInfo;
    portal = await startPortal({
      SHEPHERD_DATA_DIR: dataDir,
      SHEPHERD_TODAY: '2026-11-28',
      SHEPHERD_METRICS_TOKEN: METRICS_TOKEN,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      GITHUB_API_URL: `http://127.0.0.1:${port}`,
      GITHUB_TOKEN: 'ghp_e2e_never_logged_0123456789',
      SHEPHERD_SYNC_SCHEDULE: '* * * * * *',
      SHEPHERD_SHUTDOWN_TIMEOUT_MS: '20000',
    });
  });

  afterAll(async () => {
    await portal?.stop();
    for (const response of pending) response.destroy();
    hangingGithub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz and /readyz, and /metrics only with its token', async () => {
    const health = await fetch(`${portal.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'alive', shuttingDown: false });
    const ready = await fetch(`${portal.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    const refused = await fetch(`${portal.url}/metrics`);
    expect(refused.status).toBe(401);
    expect((await fetch(`${portal.url}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    await fetch(`${portal.url}/projects/containerd/eol`);
    const text = await (await fetch(`${portal.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).toMatch(/shepherd_http_request_duration_seconds_count\{[^}]*route="\/projects\/\[project\]\/eol"/);
    for (const name of ['shepherd_job_runs_total', 'shepherd_github_requests_total', 'shepherd_webhook_deliveries_total', 'shepherd_qualification_duration_seconds', 'shepherd_process_cpu_seconds_total']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it('serves a public page and an API answer from memory with the security headers, ETag and 304', async () => {
    for (const pathname of ['/projects/containerd/eol', '/api/v1/products/containerd']) {
      await fetch(`${portal.url}${pathname}`);
      const second = await fetch(`${portal.url}${pathname}`);
      expect(second.status).toBe(200);
      expect(second.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(second.headers.get('x-frame-options')).toBe('DENY');
      expect(second.headers.get('x-content-type-options')).toBe('nosniff');
      expect(second.headers.get('strict-transport-security')).toMatch(/max-age=/);
      const etag = second.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await fetch(`${portal.url}${pathname}`, { headers: { 'If-None-Match': etag! } });
      expect(again.status).toBe(304);
      expect(again.headers.get('x-frame-options')).toBe('DENY');
    }
    // One JSON line per request, with its status, duration and who answered it.
    const lines = portal
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const eolLines = lines.filter((line) => line.url === '/projects/containerd/eol' && line.method === 'GET');
    expect(eolLines.length).toBeGreaterThanOrEqual(2);
    expect(eolLines.some((line) => line.servedBy === 'cache' && line.status === 200 && typeof line.ms === 'number')).toBe(true);
    expect(portal.output()).not.toContain('ghp_e2e_never_logged');
    expect(portal.output()).not.toContain(METRICS_TOKEN);
  });

  it('on SIGTERM stops taking requests, hands back the running qualification and job, and exits 0', async () => {
    // Both kinds of background work are running: the qualification's steps and the sync job's request.
    // (React separates adjacent text with <!-- --> in the HTML.)
    const running = async () => /Running:\s*(?:<!-- -->)?\s*v2\.4\.0-rc\.0/.test(await (await fetch(`${portal.url}/projects/containerd/releases/2.4/qualification`)).text());
    await expect.poll(running, { timeout: 120_000, interval: 500, message: 'the qualification runs' }).toBe(true);
    await Promise.race([githubWasAsked, new Promise((_, reject) => setTimeout(() => reject(new Error(`the sync job never asked GitHub:\n${portal.output().slice(-3000)}`)), 60_000))]);

    const exited = new Promise<number | null>((resolve) => portal.child.once('exit', (code) => resolve(code)));
    portal.child.kill('SIGTERM');
    await expect.poll(() => portal.output().includes('SIGTERM: stopping'), { timeout: 20_000, interval: 100 }).toBe(true);
    // The listening socket is closed: a new connection is refused.
    await expect(fetch(`${portal.url}/healthz`)).rejects.toThrow();
    // Its own budget is 20 s (SHEPHERD_SHUTDOWN_TIMEOUT_MS); past it the process would exit 1.
    expect(await exited).toBe(0);
    expect(portal.output()).toContain('"msg":"stopped"');

    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const qualification = await database.prisma.qualification.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.0' } });
      expect(qualification.status).toBe('QUEUED');
      expect(qualification.reason).toMatch(/handed back/);
      const sync = await database.prisma.jobRun.findMany({ where: { job: 'sync' } });
      expect(sync.length).toBeGreaterThanOrEqual(1);
      const handedBack = sync.filter((run) => run.error === HANDED_BACK);
      expect(handedBack).toHaveLength(1);
      expect(handedBack[0].outcome).toBe('FAILED');
      expect(handedBack[0].leaseUntil.getTime()).toBeLessThanOrEqual(handedBack[0].finishedAt!.getTime());
      expect(sync.every((run) => run.finishedAt !== null)).toBe(true);
    } finally {
      await database.close();
    }
  }, 300_000);
});
