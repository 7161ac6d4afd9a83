import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/build-portal';
import { launchBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';

// A maintainer queues a release candidate; the portal's worker qualifies the real runtime-core
// while the qualification page follows its log, then shows the history and the GA gate.
describe('the qualification page', () => {
  const dataDir = seededDataDir('shepherd-e2e-qualification-');
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  const cli = (...args: string[]) => {
    const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
    return result.stdout;
  };

  beforeAll(async () => {
    const tags = path.join(dataDir, 'rc.tsv');
    fs.writeFileSync(tags, 'tag\tdate\nv2.4.0-rc.0\t2026-11-20 10:00:00 -0800\n');
    cli('scripts/import.ts', 'tags', tags, '--project', 'containerd');
    expect(cli('scripts/qualify.ts', 'containerd', 'v2.4.0-rc.0', '--queue')).toContain('v2.4.0-rc.0 queued (attempt 1)');
    portal = await startPortal({ SHEPHERD_DATA_DIR: dataDir, SHEPHERD_TODAY: '2026-11-28' });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows the running qualification live, then shows its outcome, figures and the open GA gate', async () => {
    await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
    await expect(page.locator('h2', { hasText: 'Running: v2.4.0-rc.0 #1' }).count()).resolves.toBe(1);
    await page.getByTestId('live-log').locator('pre', { hasText: 'tsconfig.build.json --outDir' }).waitFor({ timeout: 30_000 });

    // The page reloads itself when the run ends.
    const row = page.locator('[data-testid=qualifications] tr[data-tag="v2.4.0-rc.0"]');
    await row.locator('.badge', { hasText: 'passed' }).waitFor({ timeout: 150_000 });
    await expect(row.innerText()).resolves.toMatch(/build [\d.]+ s · pack [\d.]+ s · install [\d.]+ s · smoke [\d.]+ s · bench [\d.]+ s/);
    await expect(row.innerText()).resolves.toMatch(/sha256 [0-9a-f]{12}…/);
    await expect(page.getByTestId('gate').innerText()).resolves.toBe('RC green v2.4.0-rc.0 qualified');
    await expect(page.locator('svg[aria-label="tasks per second by release candidate"] circle').count()).resolves.toBe(1);

    await page.goto(`${portal.url}/`);
    await expect(page.getByTestId('dashboard-gate').innerText()).resolves.toContain('RC green');
    await page.goto(`${portal.url}/projects/containerd/releases/2.4`);
    await expect(page.getByTestId('ga-gate').innerText()).resolves.toMatch(/RC green v2\.4\.0-rc\.0 qualified/);
  }, 200_000);
});
