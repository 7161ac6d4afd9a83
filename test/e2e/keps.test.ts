import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { applyTrackingDecisions, CLI, createLocalUser, grantRole, importKeps, importTrackingIssues, openDatabase, readKepSources, syncEnhancementIssues } from '@shepherd/governance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEnhancementIssues } from '../fakes/github/seed-enhancement-issues';
import { startFakeGithub, type FakeGithub } from '../fakes/github/server';
import { launchBrowser } from '../support/browser';
import { expectDocumented } from '../support/openapi';
import { ROOT } from '../../scripts/build-portal';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';
import { signInWithOneTimePassword } from '../support/sign-in';

// The KEP views in a browser, on the 126 real sig-node kep.yaml files with their 116 PRR approval
// files, the crafted tracking issues and decisions in test/fixtures/keps/tracking-*.json, and SIG
// Node's kubernetes/enhancements issues synced from the fake GitHub (shaped like the real ones,
// before and after the enhancements freeze), all in the portal's data directory before it starts.
// Today is pinned to 2026-07-10: 13 days before Kubernetes 1.37's code freeze. Then signed in: "my
// KEPs", the liaison and state forms, a GitHub write-back (dry run, then send) against the fake
// GitHub server, and the same through the API.

const TODAY = '2026-07-10';
const SCREENSHOTS = process.env.SHEPHERD_SCREENSHOTS ?? os.tmpdir();

/** The document is no wider than the window; else names the elements that stick out. */
async function expectNoHorizontalScroll(page: Page, width: number) {
  const wide = await page.evaluate((w) => {
    if (document.documentElement.scrollWidth <= w) return [];
    return [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1 && [...el.children].every((child) => child.getBoundingClientRect().right <= w + 1))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} ${Math.round(el.getBoundingClientRect().right)}px: ${(el.textContent ?? '').slice(0, 60)}`);
  }, width);
  expect(wide, `${page.url()} at ${width} px`).toEqual([]);
}

describe('KEP tracking views', () => {
  let dataDir: string;
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  let fake: FakeGithub;
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = seededDataDir('shepherd-keps-e2e-');
    // GitHub's clock: the day before 1.37's enhancements freeze, then the day before the pinned today.
    let clock = Date.parse('2026-06-16T12:00:00Z');
    fake = await startFakeGithub({ now: () => clock });
    const enhancementIssues = seedEnhancementIssues(fake);
    const github = { apiUrl: fake.url, auth: { kind: 'token' as const, token: 'keps-e2e-token' }, webhookSecret: null };
    const run = (...args: string[]) => execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(run('keps', 'test/fixtures/keps')).toContain('127 KEP file(s) read: 126 new, 0 changed, 0 unchanged, 1 skipped; 116 PRR approval file(s): 116 new');
    // The rest as `npm run import -- kep-issues / kep-tracking` and `npm run admin -- create` do it,
    // in this process: each CLI start costs seconds on a loaded machine.
    const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'keps', name), 'utf8'));
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const issues = await importTrackingIssues(database.prisma, { projectSlug: 'containerd', items: fixture('tracking-issues.json'), source: 'tracking-issues.json' });
      expect(issues).toMatchObject({ issues: 5, linked: 4 });
      // Bodies as people really fill them, one for a KEP whose kep.yaml is not merged (KEP-6150).
      expect(await importTrackingIssues(database.prisma, { projectSlug: 'containerd', items: fixture('tracking-issues-messy.json'), source: 'tracking-issues-messy.json' })).toMatchObject({ issues: 2 });
      // KEPs of sig-cloud-provider: another KEP-2133, and one a folder deeper (azure/586-…).
      const other = await importKeps(database.prisma, readKepSources(path.join(ROOT, 'test', 'fixtures', 'keps-across-sigs', 'keps', 'sig-cloud-provider')));
      expect(other).toMatchObject({ created: 2, skipped: 1 });
      expect(await applyTrackingDecisions(database.prisma, { projectSlug: 'containerd', decisions: fixture('tracking-decisions.json'), source: 'tracking-decisions.json' })).toHaveLength(3);
      // A user holding only the project's shepherd role (the first user is the instance admin).
      passwords.root = (await createLocalUser(database.prisma, CLI, { login: 'root', instanceAdmin: true })).password;
      passwords.samuelkarp = (await createLocalUser(database.prisma, CLI, { login: 'samuelkarp' })).password;
      await grantRole(database.prisma, CLI, { project: 'containerd', login: 'samuelkarp', role: 'shepherd' });
      // The release team's marks, as the keps job mirrors them: before the enhancements freeze, then after it.
      expect(await syncEnhancementIssues(database.prisma, { config: github })).toMatchObject({ mode: 'full', changed: 7 });
      clock = Date.parse('2026-07-09T12:00:00Z');
      enhancementIssues.afterEnhancementsFreeze();
      expect(await syncEnhancementIssues(database.prisma, { config: github })).toMatchObject({ mode: 'incremental', changed: 3 });
    } finally {
      await database.close();
    }
    const repo = fake.repository('containerd/containerd');
    for (const label of ['kind/feature', 'area/cri']) repo.addLabel(label);
    portal = await startPortal({
      SHEPHERD_DATA_DIR: dataDir, SHEPHERD_TODAY: TODAY, SHEPHERD_SCHEDULER: 'off', SHEPHERD_QUALIFICATION_WORKER: 'off',
      GITHUB_API_URL: fake.url, GITHUB_TOKEN: 'keps-e2e-token',
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Importing the real KEPs, then building the portal: the build waits on a machine-wide lock.
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await fake?.close();
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

  it('shows every SIG Node KEP of the current Kubernetes release on the liaison board: release team, PRR, containerd and what is left to do', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps/liaison`);
    expect(await page.textContent('h1')).toBe('Liaison board: Kubernetes 1.37');
    expect(await page.textContent('[data-testid=k8s-schedule]')).toContain('code freeze 2026-07-23 12:00 UTC (in 13 days)');
    // A tracking issue's liaison is its KEP's, not the release's: the release has none set yet.
    expect(await page.textContent('main')).toContain('SIG-Node liaison of this release: —');
    const row = (kep: string) => page.locator(`[data-testid=liaison-board] tr[data-kep="${kep}"]`);
    const rules = (kep: string) => row(kep).locator('[data-rule]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-rule')));
    // Tracked by the release team for alpha, and containerd has no tracking issue: the liaison's first job.
    expect(await row('6035').getAttribute('data-release-team')).toBe('TRACKED');
    expect(await row('6035').getAttribute('data-state')).toBe('untracked');
    expect(await rules('6035')).toEqual(['no-tracking-issue', 'runtime-behind']);
    expect(await row('6035').textContent()).toContain('no containerd tracking issue yet');
    // Going alpha per kep.yaml, no shepherd, untriaged in containerd, removed from the milestone by the release team.
    expect(await row('5758').getAttribute('data-state')).toBe('UNTRIAGED');
    expect(await row('5758').getAttribute('data-release-team')).toBe('REMOVED');
    expect(await rules('5758')).toEqual(['no-shepherd']); // removed from the milestone: Kubernetes ships nothing
    expect(await row('5758').textContent()).toContain('left the v1.37 milestone with tracked/no (2026-06-18)');
    expect(await row('4960').textContent()).toContain('beta approved by @deads2k');
    expect(await row('4960').textContent()).toContain('liaison @mikebrow');
    // kep.yaml lists the owning SIG among the participants: "with" names only the others.
    expect(await row('4960').locator('td[data-label=KEP] .muted').textContent()).toBe('sig-node with sig-windows');
    expect(await row('5823').locator('td[data-label=KEP] .muted').textContent()).toBe('sig-node');
    expect(await row('5823').locator('[data-release-team-state]').textContent()).toBe('at risk for code freeze');
    expect(await row('2033').locator('[data-release-team-state]').textContent()).toBe('deferred');
    // The weekly wrangler report counts the same rows.
    const total = await page.locator('[data-testid=liaison-board] tbody tr').count();
    expect(await page.textContent('[data-testid=wrangler-report] tr:last-child td:last-child')).toBe(String(total));
    expect(total).toBeGreaterThan(30);
    // Paged like the KEP list (50 a page; here 15): the pager keeps the release and the page size, the report counts every row.
    await page.goto(`${portal.url}/projects/containerd/keps/liaison?release=1.37&perPage=15`);
    expect(await page.getByTestId('board-count').textContent()).toBe(`${total} KEPs · page 1 of 3, 15 a page`);
    const keps = () => page.locator('[data-testid=liaison-board] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')));
    const firstPage = await keps();
    await Promise.all([page.waitForURL(/page=2/), page.getByTestId('pager').getByRole('link', { name: 'next →' }).click()]);
    expect(new URL(page.url()).searchParams.get('perPage')).toBe('15');
    expect(await page.getByTestId('board-count').textContent()).toBe(`${total} KEPs · page 2 of 3, 15 a page`);
    const secondPage = await keps();
    expect(secondPage).toHaveLength(15);
    expect(secondPage.filter((kep) => firstPage.includes(kep))).toEqual([]);
    expect(await page.textContent('[data-testid=wrangler-report] tr:last-child td:last-child')).toBe(String(total));
    await page.goto(`${portal.url}/projects/containerd/keps/liaison?page=zero`);
    expect(await page.getByTestId('query-problem').textContent()).toContain('parameter "page" ("zero")');
    expect(await page.locator('[data-testid=liaison-board] tbody tr').count()).toBe(total);

    // KEPs another SIG takes part in; then the same board as CSV.
    await page.selectOption('[data-testid=board-filters] select[name=sig]', 'sig-scheduling');
    await Promise.all([page.waitForURL(/sig=sig-scheduling/), page.click('[data-testid=board-filters] button')]);
    const scheduling = await page.locator('[data-testid=liaison-board] tbody tr').count();
    expect(scheduling).toBeGreaterThan(0);
    expect(scheduling).toBeLessThan(total);
    const csv = await page.request.get(`${portal.url}${await page.getByRole('link', { name: 'CSV' }).getAttribute('href')}`);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).trim().split('\n')).toHaveLength(scheduling + 1);

    await Promise.all([page.waitForURL(/release=1\.36/), page.getByRole('navigation', { name: 'Kubernetes releases' }).getByRole('link', { name: '1.36' }).click()]);
    expect(await page.textContent('h1')).toBe('Liaison board: Kubernetes 1.36');
    expect(await page.getByTestId('schedule-past').textContent()).toBe('Kubernetes 1.36 was released on 2026-04-22: its schedule is past, and this board is what happened.');
    expect(await row('5307').textContent()).toContain('liaison @mikebrow (backups: @samuelkarp, @dmcgowan)');
    expect(await page.textContent('main')).toContain('SIG-Node liaison of this release: @samuelkarp');
  });

  it('shows the board, the list and a KEP page at 1280 and 390 px without horizontal scroll: a KEP the release team tracks with no containerd tracking issue, and an untriaged one', async () => {
    for (const width of [1280, 390]) {
      const narrow = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        await narrow.goto(`${portal.url}/projects/containerd/keps/liaison`);
        expect(await narrow.textContent('h1')).toBe('Liaison board: Kubernetes 1.37');
        const row = (kep: string) => narrow.locator(`[data-testid=liaison-board] tr[data-kep="${kep}"]`);
        // Tracked by the release team, no containerd tracking issue: in view, saying so.
        await expect(row('6035').isVisible()).resolves.toBe(true);
        expect(await row('6035').getAttribute('data-release-team')).toBe('TRACKED');
        expect(await row('6035').getAttribute('data-state')).toBe('untracked');
        expect(await row('6035').innerText()).toContain('no containerd tracking issue yet');
        // Going alpha in 1.37 per kep.yaml, untriaged in containerd and without a shepherd.
        await expect(row('5758').isVisible()).resolves.toBe(true);
        expect(await row('5758').getAttribute('data-state')).toBe('UNTRIAGED');
        expect(await row('5758').innerText()).toContain('no shepherd');
        await expectNoHorizontalScroll(narrow, width);
        await narrow.screenshot({ path: path.join(SCREENSHOTS, `keps-liaison-${width}.png`), fullPage: true, clip: { x: 0, y: 0, width, height: 1600 } });
        for (const [name, url] of [['list', '/projects/containerd/keps'], ['kep', '/projects/containerd/keps/4960']]) {
          await narrow.goto(`${portal.url}${url}`);
          await expectNoHorizontalScroll(narrow, width);
          await narrow.screenshot({ path: path.join(SCREENSHOTS, `keps-${name}-${width}.png`), fullPage: true, clip: { x: 0, y: 0, width, height: 1600 } });
        }
      } finally {
        await narrow.close();
      }
    }
  });

  it('filters, searches and pages the KEP list and opens a KEP page with its PRR, release-team states, problems and history', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps`);
    // 126 sig-node KEPs, 2 of sig-cloud-provider, and KEP-6150, tracked before its kep.yaml is merged: 50 a page.
    expect(await page.getByTestId('kep-count').textContent()).toBe('129 KEPs · page 1 of 3');
    expect(await page.locator('[data-testid=kep-table] tbody tr').count()).toBe(50);
    expect(await page.locator('[data-testid=kep-table] tr[data-kep="6150"] [data-testid=not-merged]').textContent()).toBe('kep.yaml not merged');
    await Promise.all([page.waitForURL(/page=2/), page.getByTestId('pager').getByRole('link', { name: 'next →' }).click()]);
    expect(await page.getByTestId('kep-count').textContent()).toBe('129 KEPs · page 2 of 3');
    await page.goto(`${portal.url}/projects/containerd/keps?page=3`);
    expect(await page.locator('[data-testid=kep-table] tbody tr').count()).toBe(29);
    // Search by a word of the title; by a feature gate.
    await page.goto(`${portal.url}/projects/containerd/keps?q=credential`);
    expect(await page.locator('[data-testid=kep-table] tr[data-kep="2133"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')))).toEqual([
      'sig-cloud-provider/2133-out-of-tree-credential-provider',
      'sig-node/2133-kubelet-credential-providers',
    ]);
    await page.fill('input[name=q]', 'ContainerStopSignals');
    await Promise.all([page.waitForURL(/q=ContainerStopSignals/), page.click('text=Filter')]);
    expect(await page.locator('[data-testid=kep-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')))).toEqual(['4960']);
    expect(await page.locator('[data-testid=kep-table] tr[data-kep="4960"] [data-testid=people]').textContent()).toContain('@mikebrow, @thockin, @mrunalp');
    // Tracked by containerd, sorted by tracking state; and the KEPs containerd does not track.
    await page.goto(`${portal.url}/projects/containerd/keps?state=tracked&sort=state`);
    expect(await page.locator('[data-testid=kep-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')))).toEqual(['5823', '5758', '6150', '5307', '4960', '2033', '4033']);
    await page.goto(`${portal.url}/projects/containerd/keps?state=untracked&participating=sig-cloud-provider`);
    expect(await page.locator('[data-testid=kep-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')))).toEqual([
      // sig-node's KEP-2133 takes part in sig-cloud-provider too.
      'sig-cloud-provider/2133-out-of-tree-credential-provider', 'sig-node/2133-kubelet-credential-providers', 'sig-cloud-provider/azure/586-azure-availability-zones',
    ]);
    await page.goto(`${portal.url}/projects/containerd/keps?state=lost`);
    expect(await page.getByTestId('query-problem').textContent()).toContain('parameter "state" ("lost")');
    await page.goto(`${portal.url}/projects/containerd/keps`);
    await page.selectOption('select[name=milestone]', '1.37');
    await page.selectOption('select[name=shepherd]', 'fuweid');
    await Promise.all([page.waitForURL(/shepherd=fuweid/), page.click('text=Filter')]);
    expect(await page.locator('[data-testid=kep-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')))).toEqual(['4960']);
    await Promise.all([page.waitForURL(/keps\/sig-node\/4960-container-stop-signals$/), page.click('text=KEP-4960')]);
    expect(await page.getByTestId('kep-directory').textContent()).toBe('sig-node/4960-container-stop-signals · keps/sig-node/4960-container-stop-signals/kep.yaml on GitHub');
    expect(await page.getByTestId('kep-directory').locator('a').getAttribute('href')).toBe('https://github.com/kubernetes/enhancements/blob/HEAD/keps/sig-node/4960-container-stop-signals/kep.yaml');
    expect(await page.textContent('[data-testid=tracking]')).toContain('#12001');
    expect(await page.locator('[data-testid=prr] [data-stage]').evaluateAll((divs) => divs.map((d) => d.textContent))).toEqual([
      'alpha: Kubernetes 1.33 · PRR approved by @deads2k', 'beta: Kubernetes 1.37 · PRR approved by @deads2k', 'stable: no milestone · PRR not approved',
    ]);
    expect(await page.locator('[data-testid=release-team] tr[data-release="1.37"]').getAttribute('data-release-team')).toBe('TRACKED');
    const history = await page.textContent('[data-testid=kep-history]');
    expect(history).toContain('shepherds');
    expect(history).toContain('samuelkarp, fuweid');
    expect(history).toContain('#11400 merged');
    expect(history).toContain('shipped alpha');
    expect(history).toContain('release-team: 1.37 tracked');

    await page.goto(`${portal.url}/projects/containerd/keps/2625`);
    expect(await page.textContent('[data-testid=kep-problems]')).toContain('"imlpemented" is not one of');
    expect(await page.textContent('[data-testid=dry-run]')).toContain(`POST ${fake.url}/repos/containerd/containerd/issues`);
    expect((await page.goto(`${portal.url}/projects/containerd/keps/99999`))?.status()).toBe(404);
    expect((await page.goto(`${portal.url}/projects/containerd/keps/sig-node/..%2F..%2Fsecret`))?.status()).toBe(404);
  });

  it('shows what a tracking issue says, as parsed, on its KEP page', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps/5307`);
    const fields = await page.getByTestId('issue-fields').textContent();
    expect(fields).toContain('Stagealpha — planned: alpha in 1.36, beta in 1.38 (tentative)');
    expect(fields).toContain('KEP PRsalpha: kubernetes/enhancements/pull/5308Kubernetes release');
    expect(fields).toContain('SIG-Node member liaison@mikebrow (backups: @samuelkarp, @dmcgowan)');
    expect(await page.getByTestId('kep-liaison').textContent()).toBe('@mikebrow (backups: @samuelkarp, @dmcgowan)');
    expect(await page.locator('[data-testid=issue-problems]').count()).toBe(0);
  });

  it('lists and shows a KEP tracked before its kep.yaml is merged, with the problems of its messy issue', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps/6150`);
    expect(await page.textContent('h1')).toBe('KEP-6150 Pod-level swap limits');
    expect(await page.getByTestId('not-merged').textContent()).toContain('no kep.yaml for KEP-6150 is in kubernetes/enhancements yet');
    const fields = await page.getByTestId('issue-fields').textContent();
    expect(fields).toContain('KEP issue—');
    expect(fields).toContain('KEP PRs—');
    expect(fields).toContain('SIGs namedsig-node');
    const problems = await page.getByTestId('issue-problems').textContent();
    expect(problems).toContain("https://github.com/kubernetes/kubernetes/pull/133412 is a kubernetes/kubernetes pull request, not the KEP's kubernetes/enhancements issue");
    expect(problems).toContain('"target/kubernetes/v1.??" names no Kubernetes release');
    expect(problems).toContain('"sig-node" is a SIG, not a GitHub login');
  });

  it('shows a number two KEPs share as sig-node’s KEP and names the other', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps/2133`);
    expect(await page.textContent('h1')).toBe('KEP-2133 Kubelet Credential Providers');
    expect(await page.getByTestId('same-number').textContent()).toContain('sig-cloud-provider/2133-out-of-tree-credential-provider (Out-of-Tree Credential Providers)');
    await Promise.all([page.waitForURL(/keps\/sig-cloud-provider\/2133-out-of-tree-credential-provider$/), page.getByTestId('same-number').getByRole('link').click()]);
    expect(await page.textContent('h1')).toBe('KEP-2133 Out-of-Tree Credential Providers');
    expect(await page.getByTestId('same-number').textContent()).toContain('sig-node/2133-kubelet-credential-providers');
    // Not the KEP the number means: no tracking issue is offered for it.
    expect(await page.locator('[data-testid=dry-run]').count()).toBe(0);
  });

  async function signIn(login: string) {
    await signInWithOneTimePassword(page, portal.url, login, passwords[login]);
  }

  it('signed in, the shepherd queue is "my KEPs" without naming anyone', async () => {
    await signIn('samuelkarp');
    await page.goto(`${portal.url}/projects/containerd/keps/queue`);
    expect(await page.textContent('h1')).toBe('Shepherd queue: @samuelkarp');
    expect(await page.getByTestId('my-keps').textContent()).toContain('signed in as @samuelkarp');
    expect(await page.locator('[data-testid=shepherd-queue] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kep')))).toEqual(['4960']);
  });

  it("a maintainer sets a Kubernetes cycle's liaisons on the liaison board (a shepherd may not), and the shepherd a KEP's state on its page", async () => {
    const setLiaisons = async (at: Page) => {
      await at.goto(`${portal.url}/projects/containerd/keps/liaison`);
      await at.getByTestId('set-liaisons').locator('input[name=logins]').fill('@fuweid, mikebrow');
      await at.getByTestId('set-liaisons').getByRole('button', { name: 'Save liaisons' }).click();
      return at.getByTestId('set-liaisons-result').textContent();
    };
    await expect(setLiaisons(page)).resolves.toBe('You cannot replace the Kubernetes 1.37 liaisons of containerd: samuelkarp is not an admin or maintainer of the project.');
    const admin = await browser.newPage();
    await signInWithOneTimePassword(admin, portal.url, 'root', passwords.root);
    await expect(setLiaisons(admin)).resolves.toBe('Kubernetes 1.37 liaisons: @fuweid, @mikebrow.');
    await admin.close();
    await page.reload();
    expect(await page.textContent('main')).toContain('SIG-Node liaison of this release: @fuweid, @mikebrow');

    await page.goto(`${portal.url}/projects/containerd/keps/2033`);
    // The shipped-in form claims nothing until both are chosen.
    const shipment = page.getByTestId('decide-shipment');
    expect([await shipment.locator('select[name=stage]').inputValue(), await shipment.locator('select[name=cycle]').inputValue()]).toEqual(['', '']);
    const decide = page.getByTestId('decide-state');
    await decide.locator('select[name=state]').selectOption('DEFERRED');
    await decide.locator('input[name=note]').fill('waits for CRI-O');
    await decide.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('decide-state-result').textContent()).resolves.toBe('KEP-2033: state: deferred.');
    await page.reload();
    expect(await page.textContent('[data-testid=tracking]')).toContain('deferred');
    expect(await page.textContent('[data-testid=kep-history]')).toContain('IN_PROGRESS → DEFERRED');
  });

  it('opens a tracking issue on GitHub: the dry run shows the exact request, Send sends that and records it', async () => {
    await page.goto(`${portal.url}/projects/containerd/keps/2625`);
    const action = page.locator('[data-testid=write-back] li[data-kind=open-issue]');
    await action.getByRole('button', { name: 'Open the tracking issue: dry run' }).click();
    const preview = await action.getByTestId('write-back-request').textContent();
    expect(preview).toContain(`POST ${fake.url}/repos/containerd/containerd/issues`);
    expect(fake.repository('containerd/containerd').issues).toHaveLength(0);
    const body = JSON.parse(preview!.slice(preview!.indexOf('\n') + 1));

    await action.getByRole('button', { name: 'Send to GitHub' }).click();
    await expect(page.getByTestId('write-back-result').textContent()).resolves.toBe('Open the tracking issue: GitHub answered 201.');
    expect(await page.getByTestId('write-back-link').textContent()).toBe('https://github.com/containerd/containerd/issues/1');
    const [created] = fake.repository('containerd/containerd').issues;
    expect({ title: created.title, body: created.body, labels: created.labels }).toEqual({ title: body.title, body: body.body, labels: body.labels });
    expect(fake.requests.filter((r) => r.method === 'POST').map((r) => `${r.path} ${r.status}`)).toEqual(['/repos/containerd/containerd/issues 201']);

    // The answer went through the mirror: KEP-2625 is tracked by the new issue, and the send is on record.
    expect(await page.locator('[data-testid=write-back] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')))).toEqual(['add-labels', 'set-milestone', 'assign-shepherds']);
    await page.reload();
    expect(await page.textContent('[data-testid=tracking]')).toContain('#1');
    expect(await page.locator('[data-testid=write-backs] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent))).toEqual([
      expect.stringMatching(/@samuelkarpPOST \/repos\/containerd\/containerd\/issues201 containerd\/containerd\/issues\/1/),
    ]);
  });

  it('answers the same decisions and dry runs through the API, naming a bad field', async () => {
    // The signed-in browser's cookie, sent the way Shepherd's own pages send writes (same origin).
    const api = (method: string, url: string, data: unknown) => page.request.fetch(`${portal.url}${url}`, { method, data, headers: { Origin: portal.url } });
    const dryRun = await api('POST', '/api/projects/containerd/keps/4960/write-back', { kind: 'assign-shepherds' });
    expect(dryRun.status()).toBe(200);
    expect(await dryRun.json()).toMatchObject({ dryRun: true, request: { method: 'POST', url: `${fake.url}/repos/containerd/containerd/issues/12001/assignees`, body: { assignees: ['samuelkarp', 'fuweid'] } } });
    // The joined read: kep.yaml, PRR, the release team per release, containerd's tracking.
    const read = await page.request.get(`${portal.url}/api/projects/containerd/keps/4960`);
    expect(read.status()).toBe(200);
    const record = await read.json();
    expect(record).toMatchObject({ number: '4960', key: 'sig-node/4960-container-stop-signals', reviewers: ['@mikebrow', '@thockin', '@mrunalp', '@kannon92'], prr: { file: 'keps/prod-readiness/sig-node/4960.yaml' }, tracking: { issueNumber: 12001, shepherds: ['samuelkarp', 'fuweid'] } });
    expect(record.releaseTeam.map((r: { release: string; state: string }) => `${r.release} ${r.state}`)).toContain('1.37 TRACKED');
    expectDocumented('/api/projects/{project}/keps/{number}', 200, record);
    const list = await (await page.request.get(`${portal.url}/api/projects/containerd/keps?q=stop+signals&state=tracked`)).json();
    expect(list).toMatchObject({ total: 1, keps: [{ number: '4960', tracking: { state: 'IN_PROGRESS' } }] });
    expectDocumented('/api/projects/{project}/keps', 200, list);
    expectDocumented('/api/projects/{project}/keps', 200, await (await page.request.get(`${portal.url}/api/projects/containerd/keps?participating=sig-node&perPage=500`)).json());
    const sizeSort = await page.request.get(`${portal.url}/api/projects/containerd/keps?sort=size`);
    expect(sizeSort.status()).toBe(400);
    expectDocumented('/api/projects/{project}/keps', 400, await sizeSort.json());
    const board = await (await page.request.get(`${portal.url}/api/projects/containerd/keps/liaisons/1.37`)).json();
    expect(board.keps.find((k: { number: string }) => k.number === '6035')).toMatchObject({ releaseTeam: { state: 'TRACKED' }, tracking: null, todo: [{ rule: 'no-tracking-issue' }, { rule: 'runtime-behind' }] });
    expectDocumented('/api/projects/{project}/keps/liaisons/{release}', 200, board);
    const patched = await api('PATCH', '/api/projects/containerd/keps/4960', { shipment: { stage: 'beta-gate-on', cycle: '2.3' } });
    expect(await patched.json()).toEqual({ done: ['beta-gate-on shipped in 2.3', 'state: shipped in a runtime release'] });
    const bad = await api('PUT', '/api/projects/containerd/keps/liaisons/2.4', { logins: ['mikebrow'] });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toBe('kubernetesRelease: "2.4" is not a Kubernetes minor such as 1.37');
    expect(fake.requests.filter((r) => r.method !== 'GET')).toHaveLength(1); // the issue opened above, nothing since
  });
});
