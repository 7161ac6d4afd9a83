import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';

// What a person reads on the three foundation pages, on containerd's real data, with today pinned
// so the phases are stable.
describe('the portal pages', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal({ SHEPHERD_TODAY: '2026-11-28' });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('seeds on first start and serves the dashboard', async () => {
    expect(portal.output()).toContain('seeded containerd');
    await page.goto(`${portal.url}/`);
    const supported = page.getByTestId('supported');
    await expect(supported.innerText()).resolves.toMatch(/2\.3\s+LTS\s+until April 30, 2028/);
    await expect(supported.innerText()).resolves.toMatch(/2\.0\s+LTS \(extended support\)\s+until March 2027/);
    await expect(supported.innerText()).resolves.not.toContain('2.2');
    await expect(page.getByTestId('next-milestone').innerText()).resolves.toMatch(/2\.4 GA, planned August 26, 2026 \(tentative\)[\s\S]*94 days overdue/);
  });

  it('shows the release table as containerd publishes it, with the timeline', async () => {
    await page.goto(`${portal.url}/projects/containerd/releases`);
    const row = (cycle: string) => page.locator(`[data-testid=release-table] tr[data-cycle="${cycle}"]`).innerText();
    await expect(row('2.3')).resolves.toMatch(/2\.3\s+LTS\s+April 30, 2026\s+April 30, 2028\s+@containerd\/committers/);
    await expect(row('1.6')).resolves.toMatch(/1\.6\s+End of Life\s+February 15, 2022\s+August 23, 2025/);
    await expect(row('2.2')).resolves.toMatch(/End of Life\s+published: Active/);
    await expect(row('2.4')).resolves.toMatch(/Beta\s+published: Future\s+August 26, 2026 \(tentative\)\s+April 26, 2027 \(tentative\)/);
    await expect(row('1.7')).resolves.toContain('September 2026');
    const svg = page.locator('.timeline svg');
    await expect(svg.locator('text', { hasText: 'today 2026-11-28' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('kubernetes-table').innerText()).resolves.toMatch(/1\.36\s+2\.3\.0\+, 2\.2\.0\+\s+v1/);
  });

  it('shows one cycle with its dates, owners, patch releases and Kubernetes versions', async () => {
    await page.goto(`${portal.url}/projects/containerd/releases/2.3`);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/containerd 2\.3\s+LTS/);
    await expect(page.getByTestId('support-window').innerText()).resolves.toMatch(/LTS until\s+April 30, 2028/);
    await expect(page.getByTestId('owners').innerText()).resolves.toContain('@containerd/committers');
    await expect(page.getByTestId('kubernetes').innerText()).resolves.toContain('Kubernetes 1.36 with 2.3.0+ (CRI v1)');
    const releases = await page.getByTestId('releases').innerText();
    expect(releases).toMatch(/v2\.3\.0\s+April 30, 2026\s+release/);
    expect(releases).toMatch(/v2\.3\.0-rc\.0\s+April 27, 2026\s+pre-release \(rc\)/);
    const milestones = await page.getByTestId('milestones').innerText();
    expect(milestones).toMatch(/General availability\s+April 30, 2026\s+April 30, 2026/);
    expect(milestones).toContain('May 6, 2026 (tentative)');

    await page.goto(`${portal.url}/projects/containerd/releases/1.7`);
    await expect(page.getByTestId('support-window').innerText()).resolves.toMatch(/End of life\s+September 2026 \(through the end of the month\)[\s\S]*No longer supported/);
    await expect(page.getByTestId('kubernetes').innerText()).resolves.toContain('Extended support is scoped to Kubernetes 1.32, 1.31, 1.30.');
  });

  it('shows the release plan: schedule, warnings, upgrade answer and a what-if preview', async () => {
    await page.goto(`${portal.url}/projects/containerd/plan?from=1.7&to=2.3`);
    await expect(page.locator('[data-testid=schedule] tr[data-cycle="2.6"]').innerText()).resolves.toMatch(/2\.6\s+LTS[\s\S]*April 28, 2027[\s\S]*April 28, 2029/);
    await expect(page.getByTestId('warnings').innerText()).resolves.toContain('2.4 GA was planned for August 26, 2026 and has not happened');
    await expect(page.getByTestId('upgrade-answer').innerText()).resolves.toBe('1.7 → 2.3 is supported: 2.3 is the next LTS after 1.7');
    await expect(page.locator('.timeline svg text', { hasText: 'today 2026-11-28' }).count()).resolves.toBe(1);

    const editor = page.getByLabel('Candidate policies (JSON)');
    const policies = JSON.parse(await editor.inputValue());
    policies.find((policy: { version: number }) => policy.version === 2).rules.cadence.months = [4, 7, 10];
    await editor.fill(JSON.stringify(policies));
    await page.getByRole('button', { name: 'Preview schedule' }).click();
    await expect(page.getByTestId('what-if-diff').innerText()).resolves.toMatch(/2\.4 changed[\s\S]*ga: 2026-08-26[^→\n]*→ 2026-07-29/);

    await editor.fill('{ not json');
    await page.getByRole('button', { name: 'Preview schedule' }).click();
    await expect(page.locator('p[role=alert]').innerText()).resolves.toMatch(/^Not valid JSON/);
  });

  it('answers 404 for an unknown cycle or project', async () => {
    expect((await fetch(`${portal.url}/projects/containerd/releases/9.9`)).status).toBe(404);
    expect((await fetch(`${portal.url}/projects/nope/releases`)).status).toBe(404);
  });
});
