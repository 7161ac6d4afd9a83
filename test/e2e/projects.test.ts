import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build-portal';
import { launchBrowser } from '../support/browser';
import { expectDocumented } from '../support/openapi';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';
import { signInWithOneTimePassword } from '../support/sign-in';

// A second project end to end: "tidepool" (invented, see test/fixtures/tidepool) is added with
// `npm run project -- add` from a tags file and a versioned policy, then every public surface serves
// it beside containerd, with the support dates Shepherd computed and says it computed. Then an
// admin adds two more from the admin page (nothing yet; a tags file) and a bad policy is refused.

const TODAY = '2026-11-28';
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'tidepool');
const SCREENSHOTS = process.env.SHEPHERD_SCREENSHOTS ?? os.tmpdir();

function npmRun(args: string[], dataDir: string) {
  return spawnSync('npm', ['run', '--silent', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir, SHEPHERD_TODAY: TODAY } });
}

describe('a second project, added from a tags file and a policy', () => {
  const dataDir = seededDataDir('shepherd-projects-e2e-');
  let added: ReturnType<typeof npmRun>;
  let refused: ReturnType<typeof npmRun>;
  let listed: ReturnType<typeof npmRun>;
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  const get = (url: string) => fetch(`${portal.url}${url}`);
  const json = async (url: string, template: string, status = 200) => {
    const response = await get(url);
    expect(response.status, url).toBe(status);
    const body = await response.json();
    expectDocumented(template, status, body);
    return body;
  };

  beforeAll(async () => {
    // The embedded database admits one process: the CLI runs before the portal starts.
    refused = npmRun(['project', '--', 'add', 'tidepool', '--repository', 'example-org/tidepool', '--tags', path.join(FIXTURES, 'tags.tsv')], dataDir);
    added = npmRun(
      ['project', '--', 'add', 'tidepool', '--name', 'Tidepool', '--repository', 'example-org/tidepool', '--homepage', 'https://tidepool.example.org', '--lts-line', '1.4,2.1', '--policy', path.join(FIXTURES, 'policy.json'), '--tags', path.join(FIXTURES, 'tags.tsv')],
      dataDir,
    );
    listed = npmRun(['project', '--', 'list'], dataDir);
    portal = await startPortal({ SHEPHERD_TODAY: TODAY, SHEPHERD_DATA_DIR: dataDir, SHEPHERD_SCHEDULER: 'off', SHEPHERD_QUALIFICATION_WORKER: 'off' });
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds the project with npm run project, lists it, and refuses a command that lacks its policy', () => {
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--policy is required');
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added tidepool (example-org/tidepool)');
    expect(added.stdout).toContain('tags.tsv: 45 tag(s)');
    expect(added.stdout).toContain('Support dates: computed from the policy and the GA tags');
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^containerd\s+containerd\/containerd\s+support dates published\s+\d+ cycle\(s\), policy v1, v2, bundled$/m);
    expect(listed.stdout).toMatch(/^tidepool\s+example-org\/tidepool\s+support dates computed\s+10 cycle\(s\), policy v1, v2, added by cli$/m);
  });

  it('serves it in the endoflife.date API with computed dates said to be computed', async () => {
    const products = await json('/api/v1/products', '/api/v1/products');
    expect(products.result.map((product: { name: string }) => product.name)).toEqual(['containerd', 'tidepool']);
    const product = await json('/api/v1/products/tidepool', '/api/v1/products/{product}');
    expect(product.result).toMatchObject({ label: 'Tidepool', links: { releasePolicy: null }, identifiers: [{ id: 'pkg:github/example-org/tidepool' }] });
    const byName = Object.fromEntries(product.result.releases.map((release: { name: string }) => [release.name, release]));
    expect(Object.keys(byName)).toEqual(['2.2', '2.1', '2.0', '1.4', '1.3', '1.2', '1.1', '1.0', '0.9']);
    expect(byName['2.1']).toMatchObject({ isLts: true, isEol: false, eolFrom: '2027-06-18', eoasFrom: '2026-12-18', releaseDate: '2026-03-18', custom: { supportDates: 'computed', supportPolicy: 'v2: 6-month cadence, an LTS every March' } });
    expect(byName['1.4']).toMatchObject({ isLts: true, isEoas: true, isEol: false, eolFrom: '2027-05-21', latest: { name: '1.4.4', link: 'https://github.com/example-org/tidepool/releases/tag/v1.4.4' } });
    expect(byName['2.0']).toMatchObject({ isEol: true, eolFrom: '2026-06-16' });
    const latest = await json('/api/v1/products/tidepool/releases/latest', '/api/v1/products/{product}/releases/{release}');
    expect(latest.result.name).toBe('2.2');
    const planned = await json('/api/v1/products/tidepool/releases/2.3', '/api/v1/products/{product}/releases/{release}', 404);
    expect(planned.error.message).toContain('Tidepool 2.3 has not been released yet');
  });

  it('serves it in Shepherd’s API, and plans its next release from its policy', async () => {
    const projects = await json('/api/shepherd/v1/projects', '/api/shepherd/v1/projects');
    expect(projects.projects.map((project: { slug: string; supportDates: string }) => `${project.slug}:${project.supportDates}`)).toEqual(['containerd:published', 'tidepool:computed']);
    const project = await json('/api/shepherd/v1/projects/tidepool', '/api/shepherd/v1/projects/{project}');
    expect(project.project).toMatchObject({ name: 'Tidepool', homepage: 'https://tidepool.example.org', supportDates: 'computed' });
    expect(project.cycles[0]).toMatchObject({ name: '2.3', phase: 'BETA', ga: null, supportDates: null });
    expect(project.kubernetes).toEqual([]);
    const cycle = await json('/api/shepherd/v1/projects/tidepool/cycles/2.1', '/api/shepherd/v1/projects/{project}/cycles/{cycle}');
    expect(cycle.cycle).toMatchObject({ label: 'LTS', supportDates: { source: 'computed', policy: { version: 2 } }, endOfLife: { date: '2027-06-18', precision: 'day', tentative: false } });
    expect(cycle.releases.map((release: { tag: string }) => release.tag)).toEqual(['v2.1.2', 'v2.1.1', 'v2.1.0']);
    // containerd is unchanged: its dates are the ones it publishes.
    const containerd = await json('/api/shepherd/v1/projects/containerd/cycles/2.3', '/api/shepherd/v1/projects/{project}/cycles/{cycle}');
    expect(containerd.cycle.supportDates).toEqual({ source: 'recorded', policy: null });

    const schedule = await (await get('/api/projects/tidepool/schedule?count=2')).json();
    expect(schedule.lastGa).toMatchObject({ cycle: '2.2', policyVersion: 2 });
    expect(schedule.releases[0]).toMatchObject({ cycle: '2.3', ga: { date: '2027-03-31' }, isLts: true, policyVersion: 2 });
  });

  it('puts it in the calendars, feeds and badges', async () => {
    const calendar = new ICAL.Component(ICAL.parse(await (await get('/calendar/tidepool.ics')).text()));
    const eol = calendar.getAllSubcomponents('vevent').find((event) => event.getFirstPropertyValue('uid') === 'tidepool-2.1-eol@shepherd')!;
    expect(String(eol.getFirstPropertyValue('dtstart'))).toBe('2027-06-18');
    expect(eol.getFirstPropertyValue('summary')).toBe('Tidepool 2.1 end of life');
    expect(String(eol.getFirstPropertyValue('description'))).toContain("Computed by Shepherd from Tidepool's release policy v2");
    const combined = new ICAL.Component(ICAL.parse(await (await get('/calendar/combined.ics?projects=containerd,tidepool')).text()));
    const uids = combined.getAllSubcomponents('vevent').map((event) => String(event.getFirstPropertyValue('uid')));
    expect(uids).toContain('tidepool-2.1-eol@shepherd');
    expect(uids).toContain('containerd-2.3-eol@shepherd');

    const feed = await (await get('/feeds/tidepool.atom')).text();
    expect(feed).toContain('<title type="html"><![CDATA[Tidepool 2.2.1 released]]></title>');
    expect(feed).toContain('<title type="html"><![CDATA[Tidepool 2.0 reached end of life]]></title>');
    const upcoming = await (await get('/feeds/upcoming-eol.atom')).text();
    const titles = [...upcoming.matchAll(/<entry>[\s\S]*?<title type="html"><!\[CDATA\[(.*?)\]\]><\/title>/g)].map((match) => match[1]);
    expect(titles).toEqual([
      'containerd 2.0 end of life: March 2027',
      'Tidepool 1.4 end of life: May 21, 2027',
      'Tidepool 2.2 end of life: June 16, 2027',
      'Tidepool 2.1 end of life: June 18, 2027',
      'containerd 2.3 end of life: April 30, 2028',
    ]);

    expect(await (await get('/badges/tidepool/2.1.json')).json()).toMatchObject({ label: 'Tidepool 2.1', message: 'EOL 2027-06-18', color: 'brightgreen' });
    expect(await (await get('/badges/tidepool/supported.json')).json()).toMatchObject({ message: '2.2 (to 2027-06-16) · 2.1 LTS (to 2027-06-18) · 1.4 LTS (to 2027-05-21)' });
    expect(await (await get('/projects/tidepool/timeline.svg')).text()).toContain(`today ${TODAY}`);
  });

  it('shows it on the dashboard, and its EOL and release pages say which dates are computed, at 1280 and 390 px', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${portal.url}/`);
    const section = page.getByRole('region', { name: 'Tidepool' });
    await expect(section.getByTestId('supported').innerText()).resolves.toMatch(/2\.1\s+LTS until June 18, 2027 \(computed\)/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tidepool-dashboard.png'), fullPage: true });

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${portal.url}/projects/tidepool/eol`);
      await expect(page.getByTestId('answer').innerText()).resolves.toMatch(/^Run Tidepool 2\.1 \(LTS\), supported until June 18, 2027 \(computed from its release policy\)\. The newest release is 2\.2\./);
      const row = (cycle: string) => page.locator(`[data-testid=supported] tr[data-cycle="${cycle}"]`).innerText();
      await expect(row('2.2')).resolves.toMatch(/2\.2\s+Active\s+September 16, 2026\s+June 16, 2027 \(computed\) \(200 days left\)\s+v2\.2\.1 \(November 3, 2026\)\s+Stay on 2\.2: it is newer than the 2\.1 LTS/);
      await expect(row('1.4')).resolves.toMatch(/1\.4\s+LTS \(extended support\)\s+[A-Z][a-z]+ \d+, 20\d\d\s+May 21, 2027 \(computed\) \(174 days left\)\s+v1\.4\.4 \([A-Z][a-z]+ \d+, 20\d\d\)\s+Upgrade to 2\.1 \(LTS to next LTS\)/);
      await expect(page.getByTestId('computed-note').innerText()).resolves.toContain('Tidepool publishes no support table');
      await expect(page.locator('[data-testid=ended] tr[data-cycle="2.0"]').innerText()).resolves.toMatch(/^2\.0\s+June 16, 2026 \(computed\)/);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(SCREENSHOTS, `tidepool-eol-${width}.png`), fullPage: true });

      await page.goto(`${portal.url}/projects/tidepool/releases`);
      await expect(page.locator('[data-testid=release-table] tr[data-cycle="2.1"]').innerText()).resolves.toMatch(/2\.1\s+LTS\s+March 18, 2026\s+June 18, 2027 \(computed\)/);
      await expect(page.getByTestId('computed-note').innerText()).resolves.toContain('v1: 4-month cadence; v2: 6-month cadence, an LTS every March');
      await expect(page.getByTestId('kubernetes-table').count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `tidepool-releases-${width}.png`), fullPage: true });
    }

    await page.goto(`${portal.url}/projects/tidepool/releases/2.1`);
    await expect(page.getByTestId('support-window').innerText()).resolves.toMatch(/End of life\s+June 18, 2027 \(computed\)/);
    await expect(page.getByTestId('computed-note').innerText()).resolves.toContain('from release policy v2 (6-month cadence, an LTS every March)');
    await expect(page.getByTestId('milestones').innerText()).resolves.toMatch(/End of life\s+June 18, 2027 \(computed from policy v2\)/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tidepool-cycle-390.png'), fullPage: true });
  });

  it('lets an instance admin add projects from the admin page, refusing a bad policy with its field', async () => {
    const password = /created the instance admin "admin" with the one-time password (\S+)/.exec(portal.output())![1];
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInWithOneTimePassword(page, portal.url, 'admin', password);

    await page.goto(`${portal.url}/admin/projects`);
    await expect(page.locator('[data-testid=projects] tr[data-project=tidepool]').innerText()).resolves.toMatch(/Tidepool \(tidepool\)\s+example-org\/tidepool\s+computed from the policy\s+10\s+v1, v2\s+by cli/);
    const form = page.getByTestId('add-project');
    const policy = fs.readFileSync(path.join(FIXTURES, 'policy.json'), 'utf8');
    await form.getByLabel('Slug').fill('shoal');
    await form.getByLabel('Repository').fill('example-org/shoal');
    await form.getByLabel(/Release policies/).fill(policy.replace('"months": [3, 9]', '"months": [3, 13]'));
    await form.getByRole('button', { name: 'Add project' }).click();
    await expect(form.getByRole('alert').innerText()).resolves.toContain('policies[1].rules.cadence.months[1]: Too big');

    await form.getByLabel('Slug').fill('shoal');
    await form.getByLabel('Repository').fill('example-org/shoal');
    await form.getByLabel(/Release policies/).fill(policy);
    await form.getByRole('button', { name: 'Add project' }).click();
    await expect(form.getByRole('status').innerText()).resolves.toContain('Added shoal (example-org/shoal): no release data yet');
    expect((await json('/api/v1/products/shoal', '/api/v1/products/{product}')).result.releases).toEqual([]);
    await page.goto(`${portal.url}/projects/shoal/releases`);
    await expect(page.getByTestId('no-releases').innerText()).resolves.toContain('No releases yet');
    await page.goto(`${portal.url}/projects/shoal/plan`);
    await expect(page.getByTestId('nothing-to-plan').innerText()).resolves.toContain('shoal has no release that reached GA yet');

    await page.goto(`${portal.url}/admin/projects`);
    await form.getByLabel('Slug').fill('wake');
    await form.getByLabel('Name', { exact: true }).fill('Wake');
    await form.getByLabel('Repository').fill('example-org/wake');
    await form.getByLabel('LTS upgrade line').fill('1.4, 2.1');
    await form.getByLabel(/Release policies/).fill(policy);
    await form.getByLabel('a tags file', { exact: false }).first().check();
    await form.getByLabel('tags file', { exact: true }).setInputFiles(path.join(FIXTURES, 'tags.tsv'));
    await form.getByRole('button', { name: 'Add project' }).click();
    await expect(form.getByRole('status').innerText()).resolves.toContain('Added wake (example-org/wake): 45 tags imported; support dates computed from its policy.');
    const wake = await json('/api/v1/products/wake/releases/2.1', '/api/v1/products/{product}/releases/{release}');
    expect(wake.result).toMatchObject({ eolFrom: '2027-06-18', custom: { supportDates: 'computed' } });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-projects-1280.png'), fullPage: true });
    const audit = await (await page.request.get(`${portal.url}/api/admin/audit?action=project.create`)).json();
    expect(JSON.stringify(audit)).toContain('"target":"wake"');
  });
});
