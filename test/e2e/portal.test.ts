import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';
import { signInWithOneTimePassword } from '../support/sign-in';

// What a person reads on the foundation pages, on containerd's real data, with today pinned so the
// phases are stable; then a maintainer plans the next release and meets the release-candidate gate.
// The qualification worker is off here, so a queued RC stays queued (the live run has its own test).
describe('the portal pages', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal({ SHEPHERD_TODAY: '2026-11-28', SHEPHERD_SCHEDULER: 'off', SHEPHERD_QUALIFICATION_WORKER: 'off' });
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

  describe('a maintainer plans 2.4 and meets the GA gate', () => {
    const text = async (locator: Locator) => (await locator.innerText()).trim();
    beforeAll(async () => {
      const password = /created the instance admin "admin" with the one-time password (\S+)/.exec(portal.output())![1];
      await signInWithOneTimePassword(page, portal.url, 'admin', password, { next: '/projects/containerd/plan' });
    });

    it('replans milestones and owners inline, refusing a bad date with the field named', async () => {
      const section = page.getByTestId('in-progress-2.4');
      await expect(section.innerText()).resolves.toMatch(/containerd 2\.4[\s\S]*no RC qualified[\s\S]*GA August 26, 2026 \(tentative\)/);
      await section.getByText('Edit the 2.4 plan').click();
      const form = page.getByTestId('plan-form-2.4');
      await form.getByLabel('RC planned').fill('2026-12-02');
      await form.getByLabel('GA planned').fill('2026-12');
      await form.getByLabel('GA precision').selectOption('month');
      await form.getByLabel('Release owners').fill('@dmcgowan, fuweid');
      await form.getByLabel('Why').fill('slipped past the holidays');
      await form.getByRole('button', { name: 'Save plan' }).click();
      await expect(form.getByTestId('plan-result').innerText()).resolves.toBe('Saved the plan of containerd 2.4.');
      await page.reload();
      await expect(page.getByTestId('in-progress-2.4').innerText()).resolves.toMatch(/RC December 2, 2026[\s\S]*GA December 2026 \(tentative\)[\s\S]*Release owners: @dmcgowan, @fuweid/);

      await page.getByTestId('in-progress-2.4').getByText('Edit the 2.4 plan').click();
      await form.getByLabel('RC planned').fill('2027-01-13');
      await form.getByRole('button', { name: 'Save plan' }).click();
      await expect(form.getByTestId('plan-result').innerText()).resolves.toBe('milestones.GA: GA on December 2026 would come before RC on January 13, 2027');
    });

    it('adds the next scheduled release to the plan and saves a new policy version', async () => {
      const row = page.locator('[data-testid=schedule] tr[data-cycle="2.5"]');
      await row.getByRole('button', { name: 'Add 2.5 to the plan' }).click();
      await row.getByText('recorded').waitFor();
      await expect(page.getByTestId('in-progress-2.5').innerText()).resolves.toMatch(/containerd 2\.5[\s\S]*GA [A-Z][a-z]+ \d+, 20\d\d \(tentative\)/);

      const editor = page.getByLabel('Candidate policies (JSON)');
      const policies = JSON.parse(await editor.inputValue());
      policies.push({ ...policies[1], version: 3, name: 'April and October', effectiveFrom: '2027-01-01', firstCycle: null, rules: { ...policies[1].rules, cadence: { months: [4, 10] } } });
      await editor.fill(JSON.stringify(policies));
      await page.getByLabel('Why the policy changes').fill('agreed at the community meeting');
      await page.getByRole('button', { name: 'Save policies' }).click();
      await expect(page.getByTestId('policies-saved').innerText()).resolves.toBe('Saved the policies (created v3); recorded in the audit log.');
      await page.getByRole('button', { name: 'Save policies' }).click();
      await expect(page.getByTestId('what-if').getByRole('alert').innerText()).resolves.toBe('body.policies: nothing to save, the candidate policies equal the stored ones');
    });

    it('refuses "qualify now" of a tag that does not exist; GA waits for the gate, then is recorded after an audited override', async () => {
      await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
      const qualify = page.getByTestId('qualify-now');
      await qualify.getByLabel('RC tag').fill('v2.4.0-rc.1');
      await qualify.getByRole('button', { name: 'Qualify now' }).click();
      await expect(text(qualify.getByRole('alert'))).resolves.toBe('tag: v2.4.0-rc.1 is not a known release candidate of containerd 2.4; it has no RC tag yet (tags: v2.4.0-beta.0)');
      await expect(page.getByTestId('gate').innerText()).resolves.toBe('no RC qualified containerd 2.4 cannot go GA: no release candidate has been qualified; it has no RC tag yet (tags: v2.4.0-beta.0)');

      // The plan form no longer takes GA's day: it points to "Record GA".
      await page.goto(`${portal.url}/projects/containerd/plan`);
      await page.getByTestId('in-progress-2.4').getByText('Edit the 2.4 plan').click();
      const form = page.getByTestId('plan-form-2.4');
      await expect(form.getByLabel('GA happened on').count()).resolves.toBe(0);
      await expect(form.getByTestId('record-ga-link').getAttribute('href')).resolves.toBe('/projects/containerd/releases/2.4/qualification#record-ga');
      await form.getByLabel('RC happened on').fill('2026-11-20');
      await form.getByRole('button', { name: 'Save plan' }).click();
      await expect(form.getByTestId('plan-result').innerText()).resolves.toBe('Saved the plan of containerd 2.4.');

      await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
      const record = page.getByTestId('record-ga');
      await record.getByLabel('GA date').fill('2026-11-27');
      await record.getByRole('button', { name: 'Record GA…' }).click();
      await page.getByTestId('record-ga-confirm').getByRole('button', { name: 'Record GA', exact: true }).click();
      await expect.poll(() => text(page.getByTestId('ga-result')), { timeout: 15_000 }).toMatch(/^containerd 2\.4 cannot go GA: no release candidate has been qualified/);

      const override = page.getByTestId('override-gate');
      await override.getByLabel('Override reason').fill('too short');
      await override.getByRole('button', { name: 'Override the GA gate' }).click();
      await expect(text(override.getByRole('alert'))).resolves.toBe('reason: write at least 15 characters on why GA may go ahead');
      await override.getByLabel('Override reason').fill('rc tags live in another repository this cycle');
      await override.getByRole('button', { name: 'Override the GA gate' }).click();
      // The page re-renders with the gate open, so the override form gives way to the new state.
      await expect.poll(() => text(page.getByTestId('gate')), { timeout: 15_000 }).toBe('GA gate overridden no RC is qualified, overridden by @admin: rc tags live in another repository this cycle');

      await record.getByRole('button', { name: 'Record GA…' }).click();
      await page.getByTestId('record-ga-confirm').getByRole('button', { name: 'Record GA', exact: true }).click();
      await expect.poll(() => text(page.getByTestId('ga-result')), { timeout: 15_000 }).toMatch(/^Recorded: containerd 2\.4 is GA since November 27, 2026\./);
      // Released, 2.4 leaves the releases in progress.
      await page.goto(`${portal.url}/projects/containerd/plan`);
      await expect(page.getByTestId('in-progress-2.4').count()).resolves.toBe(0);
      await page.goto(`${portal.url}/projects/containerd/releases/2.4`);
      await expect(page.getByTestId('support-window').innerText()).resolves.toContain('November 27, 2026');

      await page.goto(`${portal.url}/admin/audit`);
      const audit = await page.getByTestId('audit-log').innerText();
      for (const action of ['plan.update', 'policy.update', 'ga.override', 'ga.record']) expect(audit).toContain(action);
    });
  });
});
