import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../../scripts/build-portal';
import { launchBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';
import { signInWithOneTimePassword } from '../support/sign-in';

// A maintainer queues a release candidate; the portal's worker qualifies the real runtime-core
// while the qualification page follows its log, then shows the history (with the source it built)
// and the GA gate. The API refuses what the gate must not allow; GA is recorded with its
// confirmation and undone in the browser.
describe('the qualification page', () => {
  const dataDir = seededDataDir('shepherd-e2e-qualification-');
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  const tokens: Record<'admin' | 'maintainer' | 'releaseOwner', string> = { admin: '', maintainer: '', releaseOwner: '' };

  const cli = (...args: string[]) => {
    const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
    return result.stdout;
  };
  const api = (method: string, pathname: string, token?: string, body?: unknown) =>
    fetch(`${portal.url}${pathname}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const refusal = async (response: Response) => [response.status, ((await response.json()) as { error: { message: string } }).error.message];

  beforeAll(async () => {
    const tags = path.join(dataDir, 'rc.tsv');
    fs.writeFileSync(tags, 'tag\tdate\nv2.4.0-rc.0\t2026-11-20 10:00:00 -0800\n');
    cli('scripts/import.ts', 'tags', tags, '--project', 'containerd');
    // The import queued it already; the CLI answers with that attempt.
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

  it('follows the running qualification live at its tail, then shows its outcome, source, figures, log and the open GA gate', async () => {
    await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
    await expect(page.locator('h2', { hasText: 'Running: v2.4.0-rc.0 #1' }).count()).resolves.toBe(1);
    const live = page.getByTestId('live-log').locator('pre');
    await live.filter({ hasText: 'tsconfig.build.json --outDir <staging>/stage/dist' }).waitFor({ timeout: 60_000 });
    // npm pack's file list overflows the box: the view stays on the newest lines.
    await live.filter({ hasText: 'Tarball Contents' }).waitFor({ timeout: 120_000 });
    await expect
      .poll(() => live.evaluate((pre) => pre.scrollHeight > pre.clientHeight && pre.scrollHeight - pre.scrollTop - pre.clientHeight < 30), { timeout: 10_000 })
      .toBe(true);

    // The page reloads itself when the run ends, with that run's log open in its row.
    const row = page.locator('[data-testid=qualifications] tr[data-tag="v2.4.0-rc.0"]');
    await row.locator('.badge', { hasText: 'passed' }).waitFor({ timeout: 180_000 });
    expect(page.url()).toMatch(/\?log=\d+#run-\d+$/);
    await expect(page.locator(`tr[data-log-of="${new URL(page.url()).searchParams.get('log')}"]`).getByTestId('run-log').locator('pre').innerText()).resolves.toContain('$ runtime-core smoke');
    await expect(row.innerText()).resolves.toMatch(/source [\d.]+ s · build [\d.]+ s · pack [\d.]+ s · install [\d.]+ s · smoke [\d.]+ s · bench [\d.]+ s/);
    await expect(row.innerText()).resolves.toMatch(/working tree at [0-9a-f]{12}/);
    await expect(row.innerText()).resolves.toMatch(/\d+ files, sha256:[0-9a-f]{12}…/);
    await expect(row.innerText()).resolves.toMatch(/sha256 [0-9a-f]{12}…/);
    await expect(page.getByTestId('gate').innerText()).resolves.toBe('RC green v2.4.0-rc.0 qualified');
    await expect(page.locator('svg[aria-label="tasks per second by release candidate"] circle').count()).resolves.toBe(1);

    // The log API speaks in the project's paths, not the server's.
    const id = Number(new URL(page.url()).searchParams.get('log'));
    const { log } = (await (await fetch(`${portal.url}/api/qualifications/${id}/log`)).json()) as { log: string };
    expect(log).toContain('packages/runtime-core/tsconfig.build.json');
    expect(log).not.toContain(ROOT);
    expect(log).not.toMatch(/\/tmp\/shepherd-qualification-/);

    await page.goto(`${portal.url}/`);
    await expect(page.getByTestId('dashboard-gate').innerText()).resolves.toContain('RC green');
    await page.goto(`${portal.url}/projects/containerd/releases/2.4`);
    await expect(page.getByTestId('ga-gate').innerText()).resolves.toMatch(/RC green v2\.4\.0-rc\.0 qualified/);
  }, 300_000);

  describe('signed in', () => {
    beforeAll(async () => {
      const password = /created the instance admin "admin" with the one-time password (\S+)/.exec(portal.output())![1];
      await signInWithOneTimePassword(page, portal.url, 'admin', password);
      await page.goto(`${portal.url}/admin/tokens`);
      await page.getByTestId('create-token').getByLabel('Name').fill('e2e');
      for (const scope of ['write:releases', 'admin']) await page.getByTestId('create-token').getByLabel(scope, { exact: true }).check();
      await page.getByRole('button', { name: 'Create token' }).click();
      tokens.admin = await page.getByTestId('secret').innerText();
      for (const [who, login, role, cycle] of [['maintainer', 'maxq', 'maintainer', null], ['releaseOwner', 'roseq', 'release-owner', '2.4']] as const) {
        expect((await api('POST', '/api/admin/users', tokens.admin, { login })).status).toBe(201);
        expect((await api('POST', '/api/admin/roles', tokens.admin, { project: 'containerd', login, role, cycle })).status).toBe(201);
        const created = await api('POST', '/api/admin/tokens', tokens.admin, { login, name: 'e2e', scopes: ['write:releases'] });
        tokens[who] = ((await created.json()) as { token: string }).token;
      }
    });

    it('the API refuses an unknown tag, a cycle with no RC, a release owner overriding the gate, and GA through the plan edit', async () => {
      // A release owner cannot open the gate with a made-up RC.
      await expect(refusal(await api('POST', '/api/projects/containerd/cycles/2.4/qualifications', tokens.releaseOwner, { tag: 'v2.4.0-rc.999' }))).resolves.toEqual([
        400,
        'tag: v2.4.0-rc.999 is not a known release candidate of containerd 2.4; its known RCs: v2.4.0-rc.0',
      ]);
      // Adding 2.5 queues nothing, and "qualify now" says there is no RC to qualify.
      expect((await api('POST', '/api/projects/containerd/cycles', tokens.maintainer, { cycle: '2.5' })).status).toBe(201);
      await expect(refusal(await api('POST', '/api/projects/containerd/cycles/2.5/qualifications', tokens.maintainer, {}))).resolves.toEqual([
        412,
        'containerd 2.5 has no release candidate to qualify: it has no RC tag yet. Import its RC tag (npm run import -- tags) or sync GitHub, then qualify it.',
      ]);
      await expect(page.goto(`${portal.url}/projects/containerd/releases/2.5/qualification`).then(() => page.getByTestId('qualifications').count())).resolves.toBe(0);
      await expect(refusal(await api('POST', '/api/projects/containerd/cycles/2.5/ga', tokens.maintainer, { date: '2026-11-28' }))).resolves.toEqual([
        412,
        'containerd 2.5 cannot go GA: no release candidate has been qualified; it has no RC tag yet. A maintainer can override the gate with a written reason on the qualification page.',
      ]);
      // Overriding is for maintainers only.
      await expect(refusal(await api('POST', '/api/projects/containerd/cycles/2.5/ga-override', tokens.releaseOwner, { reason: 'the release owner wants it out' }))).resolves.toEqual([
        403,
        'You cannot override the GA gate of containerd 2.5: roseq is not an admin or maintainer of the project.',
      ]);
      // GA is not a plan field, even with a green RC.
      const [status, message] = await refusal(await api('PATCH', '/api/projects/containerd/cycles/2.4/plan', tokens.maintainer, { milestones: { GA: { actual: '2026-11-27' } } }));
      expect(status).toBe(400);
      expect(message).toBe('milestones.GA.actual: GA is not set through the plan; use "Record GA" on the qualification page (POST /api/projects/containerd/cycles/2.4/ga), which shows what changes publicly first');
      // The release owner may preview Record GA: nothing is written.
      const preview = await api('POST', '/api/projects/containerd/cycles/2.4/ga', tokens.releaseOwner, { date: '2026-11-27', dryRun: true });
      expect(preview.status).toBe(200);
      expect(await preview.json()).toMatchObject({ recorded: false, preview: { v1: { name: '2.4', releaseDate: '2026-11-27' } } });
      expect((await api('GET', '/api/v1/products/containerd/releases/2.4')).status).toBe(404);
    });

    it('records GA after its confirmation says what changes publicly, then a maintainer undoes it with a reason', async () => {
      await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
      const record = page.getByTestId('record-ga');
      await record.getByLabel('GA date').fill('2026-11-27');
      await record.getByLabel('GA note').fill('v2.4.0 tagged and announced');
      await record.getByRole('button', { name: 'Record GA…' }).click();
      const confirm = page.getByTestId('record-ga-confirm');
      await expect(confirm.locator('h3').innerText()).resolves.toBe('Record containerd 2.4 as GA on November 27, 2026? This changes what the public sees:');
      await expect(confirm.innerText()).resolves.toContain('The endoflife.date API (/api/v1/products/containerd) lists 2.4, released 2026-11-27');
      await expect(confirm.innerText()).resolves.toContain('/api/v1/products/containerd/releases/latest becomes 2.4');
      // Nothing is written before the confirmation.
      expect((await api('GET', '/api/v1/products/containerd/releases/2.4')).status).toBe(404);
      await confirm.getByRole('button', { name: 'Record GA', exact: true }).click();
      await expect
        .poll(() => page.getByTestId('ga-result').innerText(), { timeout: 15_000 })
        .toBe('Recorded: containerd 2.4 is GA since November 27, 2026. The public API, feeds and calendars say so now; a maintainer can undo it here.');
      await expect.poll(() => page.getByTestId('ga-state').innerText(), { timeout: 15_000 }).toBe('GA containerd 2.4 went GA on November 27, 2026.');
      const published = await api('GET', '/api/v1/products/containerd/releases/2.4');
      expect(published.status).toBe(200);
      expect(((await published.json()) as { result: { releaseDate: string } }).result.releaseDate).toBe('2026-11-27');

      const undo = page.getByTestId('undo-ga');
      await undo.getByLabel('Why undo GA').fill('recorded before the release notes were published');
      await undo.getByRole('button', { name: 'Undo GA…' }).click();
      const undoConfirm = page.getByTestId('undo-ga-confirm');
      await expect(undoConfirm.innerText()).resolves.toContain('2.4 leaves the endoflife.date API (/api/v1/products/containerd)');
      await expect(undoConfirm.innerText()).resolves.toContain('with its GA planned for August 26, 2026 (tentative)');
      await undoConfirm.getByRole('button', { name: 'Undo GA', exact: true }).click();
      await expect.poll(() => page.getByTestId('ga-result').innerText(), { timeout: 15_000 }).toMatch(/^Undone: containerd 2\.4 is not GA any more; its GA is planned for August 26, 2026 \(tentative\) again\./);
      await expect.poll(() => page.getByTestId('ga-state').innerText(), { timeout: 15_000 }).toBe('containerd 2.4 is not GA yet (planned August 26, 2026, tentative).');
      await expect(page.getByTestId('ga-records').innerText()).resolves.toMatch(
        /GA on November 27, 2026 recorded by @admin on [A-Z][a-z]+ \d+, \d{4} \(v2\.4\.0 tagged and announced\) — undone by @admin on [A-Z][a-z]+ \d+, \d{4}: recorded before the release notes were published/,
      );
      expect((await api('GET', '/api/v1/products/containerd/releases/2.4')).status).toBe(404);

      const audit = (await (await api('GET', '/api/admin/audit?limit=5', tokens.admin)).json()) as { events: { action: string; actor: string; note: string | null }[] };
      expect(audit.events.slice(0, 2).map((event) => [event.action, event.actor, event.note])).toEqual([
        ['ga.undo', 'admin', 'recorded before the release notes were published'],
        ['ga.record', 'admin', 'v2.4.0 tagged and announced'],
      ]);
    });

    it('qualifies a named git ref from the form: a ref that does not exist is refused by name, HEAD is queued with its commit', async () => {
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
      await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
      const form = page.getByTestId('qualify-now');
      const rows = page.locator('[data-testid=qualifications] tr[data-tag="v2.4.0-rc.0"]');
      const attempts = await rows.count();
      await form.getByLabel('git ref').fill('no-such-branch');
      await form.getByLabel(/run again/).check();
      await form.getByRole('button', { name: 'Qualify now' }).click();
      await page.getByText('ref: "no-such-branch" is not a tag, branch or commit of the repository holding runtime-core').waitFor({ timeout: 15_000 });
      await page.reload();
      expect(await rows.count()).toBe(attempts);

      await form.getByLabel('git ref').fill('HEAD');
      await form.getByLabel(/run again/).check();
      await form.getByRole('button', { name: 'Qualify now' }).click();
      await page.getByText(`Queued v2.4.0-rc.0 #2, building HEAD (${head.slice(0, 12)}); the log follows below.`).waitFor({ timeout: 15_000 });
      await page.reload();
      // "HEAD <commit>" while queued, "HEAD at <commit>" once the worker has built it: either, by then.
      await rows.filter({ hasText: new RegExp(`HEAD (at )?${head.slice(0, 12)}`) }).first().waitFor({ timeout: 15_000 });
    });
  });
});
