import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { ROOT } from '../../scripts/build-portal';
import { startPortal, type Portal } from '../support/portal';

// The KEP views in a browser, on the 126 real sig-node kep.yaml files and the crafted tracking
// issues and decisions in test/fixtures/keps/tracking-*.json, all imported with the CLI into the portal's
// data directory before it starts. Today is pinned to 2026-07-10: 13 days before Kubernetes 1.37's
// code freeze.

const TODAY = '2026-07-10';

describe('KEP tracking views', () => {
  let dataDir: string;
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-keps-e2e-'));
    const run = (...args: string[]) => execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(run('keps', 'test/fixtures/keps')).toContain('127 KEP file(s) read: 126 new, 0 changed, 0 unchanged, 1 skipped');
    expect(run('kep-issues', 'test/fixtures/keps/tracking-issues.json', '--project', 'containerd')).toContain('5 issue(s) parsed, 5 tracking KEPs, 4 PR link(s) new');
    expect(run('kep-tracking', 'test/fixtures/keps/tracking-decisions.json', '--project', 'containerd')).toContain('3 decision(s) applied');
    portal = await startPortal({ SHEPHERD_DATA_DIR: dataDir, SHEPHERD_TODAY: TODAY });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows a shepherd's queue, oldest idle first, with what blocks each KEP", async () => {
    await page.goto(`${portal.url}/projects/containerd/keps/queue?shepherd=samuelkarp`);
    const rows = page.locator('[data-testid=shepherd-queue] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')))).toEqual(['4960']);
    const blocking = await rows.first().locator('[data-rule]').evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-rule')}: ${li.textContent}`));
    // Alpha shipped in 2.1 (tracking-decisions.json), and Kubernetes has not released the beta yet.
    expect(blocking).toEqual([
      'idle-pr: #12100 idle for 34 days',
      'code-freeze: Kubernetes 1.37 code freeze in 13 days (2026-07-23) with open runtime PRs #12100',
    ]);
    expect(await page.textContent('main')).toContain('Finished: KEP-4033.');

    // Another shepherd through the form; the idle window comes from ?idleDays=.
    await page.fill('input[name=shepherd]', '@AkihiroSuda');
    await Promise.all([page.waitForURL(/shepherd=/), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toBe('Shepherd queue: @AkihiroSuda');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')))).toEqual(['2033']);
    await page.goto(`${portal.url}/projects/containerd/keps/queue?shepherd=akihirosuda&idleDays=100`);
    expect(await page.locator('[data-rule=idle-pr]').count()).toBe(0);
  });

  it('shows the liaison board of the current Kubernetes release by state, and of another release', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps/liaison`);
    expect(await page.textContent('h1')).toBe('Liaison board: Kubernetes 1.37');
    expect(await page.textContent('[data-testid=k8s-schedule]')).toContain('code freeze 2026-07-23 12:00 UTC');
    expect(await page.textContent('main')).toContain('SIG-Node liaison: @containerd/committers, @mikebrow');
    const columns = await page.locator('[data-testid=liaison-board] section').evaluateAll((sections) =>
      sections.map((s) => `${s.getAttribute('data-state')}: ${[...s.querySelectorAll('[data-kep]')].map((k) => k.getAttribute('data-kep')).join(',')}`),
    );
    expect(columns).toEqual(['AT_RISK: 5823', 'IN_PROGRESS: 2033,4960']);
    const checkpoint = page.locator('[data-testid=liaison-board] [data-kep="5823"]');
    expect(await checkpoint.textContent()).toContain('runtime 2.3');
    expect(await checkpoint.locator('[data-rule]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-rule')))).toEqual(['no-shepherd', 'past-feature-freeze', 'code-freeze']);

    await Promise.all([page.waitForURL(/release=1\.36/), page.click('text=1.36')]);
    expect(await page.textContent('h1')).toBe('Liaison board: Kubernetes 1.36');
    expect(await page.locator('[data-testid=liaison-board] section').getAttribute('data-state')).toBe('DONE');
    expect(await page.textContent('main')).toContain('SIG-Node liaison: @samuelkarp');
  });

  it('filters the KEP list and opens a KEP page with its problems and history', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps`);
    expect(await page.locator('[data-testid=kep-table] tbody tr').count()).toBe(126);
    await page.selectOption('select[name=milestone]', '1.37');
    await page.selectOption('select[name=shepherd]', 'fuweid');
    await Promise.all([page.waitForURL(/shepherd=fuweid/), page.click('text=Filter')]);
    expect(await page.locator('[data-testid=kep-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')))).toEqual(['4960']);
    await Promise.all([page.waitForURL(/keps\/4960$/), page.click('text=KEP-4960')]);
    expect(await page.textContent('[data-testid=tracking]')).toContain('#12001');
    const history = await page.textContent('[data-testid=kep-history]');
    expect(history).toContain('shepherds');
    expect(history).toContain('samuelkarp, fuweid');
    expect(history).toContain('#11400 merged');
    expect(history).toContain('shipped alpha');

    await page.goto(`${portal.url}/projects/containerd/keps/2625`);
    expect(await page.textContent('[data-testid=kep-problems]')).toContain('"imlpemented" is not one of');
    expect(await page.textContent('[data-testid=dry-run]')).toContain('POST /repos/containerd/containerd/issues');
    expect((await page.goto(`${portal.url}/projects/containerd/keps/99999`))?.status()).toBe(404);
  });
});
