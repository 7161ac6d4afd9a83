import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';
import { signInWithOneTimePassword } from '../support/sign-in';

// What a person reads on the foundation pages, on containerd's real data, with today pinned so the
// phases are stable; then a maintainer plans the next release and meets the release-candidate gate.
// The qualification worker is off here, so a queued RC stays queued (the live run has its own test).
// SHEPHERD_SCREENSHOTS=<dir> keeps a picture of each step that has one (what the viewport shows).
const shot = async (page: Page, name: string) => {
  if (process.env.SHEPHERD_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHEPHERD_SCREENSHOTS}/${name}.png` });
};

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

  it('compresses answers from memory as the client accepts: brotli first, gzip, or none', async () => {
    const { port } = new URL(portal.url);
    const get = (pathname: string, acceptEncoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: pathname, headers: { 'accept-encoding': acceptEncoding } }, (answer) => {
            const chunks: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => chunks.push(chunk));
            answer.on('end', () => resolve({ headers: answer.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    for (const pathname of ['/projects/containerd/eol', '/api/v1/products/containerd']) {
      await get(pathname, 'identity');
      const plain = await get(pathname, 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/Accept-Encoding/);
      const cases: [string, string | undefined][] = [
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip', 'gzip'],
        ['br;q=0, gzip', 'gzip'],
        ['gzip;q=0.5, br;q=0.4', 'gzip'],
        ['deflate', undefined],
      ];
      for (const [acceptEncoding, expected] of cases) {
        const answer = await get(pathname, acceptEncoding);
        expect(answer.headers['content-encoding'], `${pathname} with Accept-Encoding: ${acceptEncoding}`).toBe(expected);
        expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
        const decoded = expected === 'br' ? zlib.brotliDecompressSync(answer.body) : expected === 'gzip' ? zlib.gunzipSync(answer.body) : answer.body;
        expect(decoded.equals(plain.body)).toBe(true);
      }
    }
  });

  it('answers each Host from its own cached answer, and ignores forwarded headers from an untrusted peer', async () => {
    const { port } = new URL(portal.url);
    const get = (headers: Record<string, string>) =>
      new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/api/v1/products/containerd?hosts=1', headers }, (answer) => {
            let body = '';
            answer.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
            answer.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
    const origins = (body: string) => [...new Set(body.match(/https?:\/\/[a-z0-9.:-]+/g))].filter((origin) => !origin.endsWith('github.com'));
    expect(origins(await get({ host: 'a.example' }))).toEqual(['http://a.example']);
    expect(origins(await get({ host: 'b.example' }))).toEqual(['http://b.example']);
    expect(origins(await get({ host: 'a.example' }))).toEqual(['http://a.example']);
    // No proxy is trusted here: X-Forwarded-Host from this peer must not reach the links, cached or not.
    expect(origins(await get({ host: 'a.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }))).toEqual(['http://a.example']);
    const served = () =>
      portal
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes('?hosts'))
        .map((line) => (JSON.parse(line) as { servedBy: string }).servedBy);
    // The first request per host is computed by Next; the repeats come from memory (log lines are written asynchronously).
    await expect.poll(served).toEqual(['next', 'next', 'cache', 'cache']);
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

  it('shows the release plan: schedule, warnings, an upgrade answered in place and a what-if preview', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${portal.url}/projects/containerd/plan?from=1.7&to=2.3`);
    await expect(page.locator('[data-testid=schedule] tr[data-cycle="2.6"]').innerText()).resolves.toMatch(/2\.6\s+LTS[\s\S]*April 28, 2027[\s\S]*April 28, 2029/);
    await expect(page.getByTestId('warnings-2.4').innerText()).resolves.toMatch(/2\.4 being released now[\s\S]*GA was planned for August 26, 2026 and has not happened/);
    await expect(page.getByTestId('upgrade-answer').innerText()).resolves.toBe('1.7 → 2.3 is supported: 2.3 is the next LTS after 1.7');
    await expect(page.locator('.timeline svg text', { hasText: 'today 2026-11-28' }).count()).resolves.toBe(1);

    // "Can I upgrade?" answers where it is asked: no reload, the answer in view, the address updated.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      const upgrade = page.getByTestId('upgrade-form');
      await upgrade.getByLabel('From').fill('2.0');
      await upgrade.getByLabel('To').fill(width === 1280 ? '2.2' : '2.3');
      await upgrade.getByRole('button', { name: 'Check' }).click();
      const answer = page.getByTestId('upgrade-answer');
      await expect.poll(() => answer.innerText(), { timeout: 15_000 }).toMatch(width === 1280 ? /^2\.0 → 2\.2/ : /^2\.0 → 2\.3/);
      // In view: wholly inside the window.
      await expect
        .poll(
          async () => {
            const box = (await answer.boundingBox())!;
            return box.y >= 0 && box.y + box.height <= 800.5;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      expect(page.url()).toContain(width === 1280 ? 'from=2.0&to=2.2#upgrade' : 'from=2.0&to=2.3#upgrade');
      await shot(page, `plan-upgrade-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // The what-if editor: the common rules as a form, a picture and a table of what moves.
    const whatIf = page.getByTestId('what-if');
    await expect(whatIf.innerText()).resolves.toContain('Editing v3 (a new version)');
    await whatIf.getByLabel('Takes effect on').fill('2026-06-01');
    await whatIf.getByLabel('Jul', { exact: true }).check();
    await whatIf.getByRole('button', { name: 'Preview schedule' }).click();
    await expect.poll(() => page.getByTestId('what-if-changes').innerText(), { timeout: 15_000 }).toMatch(/2\.4\s+Policy\s+v2\s+v3[\s\S]*GA\s+August 26, 2026[^\n]*\s+July 29, 2026/);
    await expect(page.getByTestId('what-if-picture').locator('svg').count()).resolves.toBe(1);
    await page.getByTestId('what-if-diff').scrollIntoViewIfNeeded();
    await shot(page, 'plan-what-if-1280');
    // A refused rule is marked on its field.
    await whatIf.getByLabel('Name').fill('');
    await whatIf.getByRole('button', { name: 'Preview schedule' }).click();
    await expect.poll(() => whatIf.getByLabel('Name').getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');

    // JSON stays as the advanced view.
    await whatIf.getByRole('tab', { name: 'JSON (advanced)' }).click();
    const editor = page.getByLabel('Candidate policies (JSON)');
    const policies = JSON.parse(await editor.inputValue());
    expect(policies.map((policy: { version: number }) => policy.version)).toEqual([1, 2, 3]);
    await editor.fill('{ not json');
    await page.getByRole('button', { name: 'Preview schedule' }).click();
    await expect(whatIf.locator('p[role=alert]').innerText()).resolves.toMatch(/^Not valid JSON/);
  });

  it('shows the newest releases in the adherence report (all on asking) and the RELEASES.md block on a page of its own, as the raw Markdown has it', async () => {
    await page.goto(`${portal.url}/projects/containerd/plan`);
    const rows = page.locator('[data-testid=adherence] tbody tr');
    const summary = await page.getByTestId('adherence-summary').innerText();
    const all = Number(/^(\d+) releases reached GA/.exec(summary)?.[1]);
    expect(all).toBeGreaterThan(12);
    const newest = await rows.locator('td:first-child').allInnerTexts();
    expect(newest).toHaveLength(12);
    await Promise.all([page.waitForURL(/adherence=all/), page.getByTestId('adherence-summary').getByRole('link', { name: `all ${all}` }).click()]);
    const every = await rows.locator('td:first-child').allInnerTexts();
    expect(every).toHaveLength(all);
    expect(every.slice(-12)).toEqual(newest);

    await Promise.all([page.waitForURL(/\/plan\/releases-md$/), page.getByRole('link', { name: 'the block' }).click()]);
    expect(await page.textContent('h1')).toBe('containerd RELEASES.md block');
    const raw = await (await fetch(`${portal.url}/api/projects/containerd/releases-md`)).text();
    expect(raw).toContain('| Release');
    expect(await page.getByTestId('releases-md').textContent()).toBe(raw);
  });

  it('has no horizontal scroll on the public pages at 1280 and 390 px', async () => {
    const pages = ['/', '/projects/containerd/releases', '/projects/containerd/releases/2.3', '/projects/containerd/plan', '/projects/containerd/plan/releases-md', '/projects/containerd/eol', '/sync', '/nope'];
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const address of pages) {
        await page.goto(`${portal.url}${address}`);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ address, width, scroll: scroll <= width }).toEqual({ address, width, scroll: true });
        if (process.env.SHEPHERD_SCREENSHOTS) await page.screenshot({ path: `${process.env.SHEPHERD_SCREENSHOTS}/${address.replace(/\W+/g, '_') || 'home'}-${width}.png`, fullPage: true });
      }
      // The plan's schedule and adherence tables stack on phones rather than scroll inside their boxes.
      await page.goto(`${portal.url}/projects/containerd/plan`);
      for (const table of ['schedule', 'adherence']) {
        const fits = await page.getByTestId(table).evaluate((element) => element.scrollWidth <= element.clientWidth + 1);
        expect({ table, width, fits }).toEqual({ table, width, fits: true });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
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

    it('replans milestones and owners inline; a refused date keeps what was typed and marks the field', async () => {
      const section = page.getByTestId('in-progress-2.4');
      await expect(section.innerText()).resolves.toMatch(/containerd 2\.4[\s\S]*no RC qualified[\s\S]*GA August 26, 2026 \(tentative\)/);
      await section.getByText('Edit the 2.4 plan').click();
      const form = page.getByTestId('plan-form-2.4');
      await form.getByLabel('RC planned').fill('2026-12-02');
      await form.getByLabel('GA precision').selectOption('month');
      await form.getByLabel('GA planned').fill('2026-12');
      await form.getByLabel('Release owners').fill('@dmcgowan, fuweid');
      await form.getByLabel('Why').fill('slipped past the holidays');
      await form.getByRole('button', { name: 'Save plan' }).click();
      await expect.poll(() => form.getByTestId('plan-result').innerText(), { timeout: 15_000 }).toBe(
        'Saved the plan of containerd 2.4: RC: none → December 2, 2026; GA: August 26, 2026 (tentative) → December 2026 (tentative); release owners: @containerd/committers → @dmcgowan, @fuweid.',
      );
      await page.reload();
      await expect(page.getByTestId('in-progress-2.4').innerText()).resolves.toMatch(/RC December 2, 2026[\s\S]*GA December 2026 \(tentative\)[\s\S]*Release owners: @dmcgowan, @fuweid/);

      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${portal.url}/projects/containerd/plan`);
        await page.getByTestId('in-progress-2.4').getByText('Edit the 2.4 plan').click();
        await form.getByLabel('RC planned').fill('2027-01-13');
        await form.getByLabel('Release owners').fill('@dmcgowan, fuweid, samuelkarp');
        await form.getByRole('button', { name: 'Save plan' }).click();
        await expect.poll(() => form.getByTestId('plan-result').innerText(), { timeout: 15_000 }).toMatch(/^Not saved\.[\s\S]*GA planned: GA on December 2026 would come before RC on January 13, 2027/);
        // What was typed stays; the field the rule names is marked and described.
        await expect(form.getByLabel('RC planned').inputValue()).resolves.toBe('2027-01-13');
        await expect(form.getByLabel('Release owners').inputValue()).resolves.toBe('@dmcgowan, fuweid, samuelkarp');
        const ga = form.getByLabel('GA planned');
        await expect(ga.getAttribute('aria-invalid')).resolves.toBe('true');
        const described = (await ga.getAttribute('aria-describedby'))!.split(' ')[0];
        await expect(page.locator(`[id="${described}"]`).innerText()).resolves.toBe('GA on December 2026 would come before RC on January 13, 2027');
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
        await form.getByTestId('plan-result').scrollIntoViewIfNeeded();
        await shot(page, `plan-refused-${width}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('adds the next scheduled release to the plan after showing what it records, and saves a new policy version with a reason', async () => {
      await page.goto(`${portal.url}/projects/containerd/plan`);
      const row = page.locator('[data-testid=schedule] tr[data-cycle="2.5"]');
      await row.getByRole('button', { name: 'Add 2.5 to the plan…' }).click();
      const confirm = page.getByTestId('add-to-plan');
      await expect(confirm.innerText()).resolves.toMatch(/Add 2\.5 to the plan\?[\s\S]*GA[^\n]*20\d\d/);
      await confirm.scrollIntoViewIfNeeded();
      await shot(page, 'plan-add-confirm-1280');
      await confirm.getByRole('button', { name: 'Add 2.5 to the plan' }).click();
      await expect.poll(() => page.getByTestId('add-result').innerText(), { timeout: 15_000 }).toMatch(/^Added containerd 2\.5 to the plan \(policy v\d\), all tentative: .*GA [A-Z][a-z]+ \d+, 20\d\d/);
      await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('in the plan');
      await expect(page.getByTestId('in-progress-2.5').innerText()).resolves.toMatch(/containerd 2\.5[\s\S]*GA [A-Z][a-z]+ \d+, 20\d\d \(tentative\)/);

      const whatIf = page.getByTestId('what-if');
      await whatIf.getByRole('tab', { name: 'JSON (advanced)' }).click();
      const editor = page.getByLabel('Candidate policies (JSON)');
      const policies = JSON.parse(await editor.inputValue()).filter((policy: { version: number }) => policy.version < 3);
      policies.push({ ...policies[1], version: 3, name: 'April and October', effectiveFrom: '2027-01-01', firstCycle: null, rules: { ...policies[1].rules, cadence: { months: [4, 10] } } });
      await editor.fill(JSON.stringify(policies));
      // Without a reason nothing is saved, and the field says so.
      await page.getByRole('button', { name: 'Save policies' }).click();
      await expect(page.getByLabel('Why the policy changes').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(whatIf.getByRole('alert').innerText()).resolves.toContain('Why: say why the policy changes');
      await page.getByLabel('Why the policy changes').fill('agreed at the community meeting');
      await page.getByRole('button', { name: 'Save policies' }).click();
      await expect.poll(() => page.getByTestId('policies-saved').innerText(), { timeout: 15_000 }).toMatch(/^Saved: added v3\. .*Recorded in the audit log\.$/);
      await page.getByRole('button', { name: 'Save policies' }).click();
      await expect.poll(() => whatIf.getByRole('alert').innerText(), { timeout: 15_000 }).toBe('nothing to save, the candidate policies equal the stored ones');
    });

    it('refuses "qualify now" of a tag that does not exist; GA waits for the gate, then is recorded after an audited override', async () => {
      await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
      const qualify = page.getByTestId('qualify-now');
      await qualify.getByLabel('RC tag').fill('v2.4.0-rc.1');
      await qualify.getByRole('button', { name: 'Qualify now' }).click();
      await expect(text(qualify.getByRole('alert'))).resolves.toBe('Not queued.\nRC tag: v2.4.0-rc.1 is not a known release candidate of containerd 2.4; it has no RC tag yet (tags: v2.4.0-beta.0)');
      await expect(page.getByTestId('gate').innerText()).resolves.toBe('no RC qualified containerd 2.4 cannot go GA: no release candidate has been qualified; it has no RC tag yet (tags: v2.4.0-beta.0)');

      // The plan form no longer takes GA's day: it points to "Record GA".
      await page.goto(`${portal.url}/projects/containerd/plan`);
      await page.getByTestId('in-progress-2.4').getByText('Edit the 2.4 plan').click();
      const form = page.getByTestId('plan-form-2.4');
      await expect(form.getByLabel('GA happened on').count()).resolves.toBe(0);
      await expect(form.getByTestId('record-ga-link').getAttribute('href')).resolves.toBe('/projects/containerd/releases/2.4/qualification#record-ga');
      await form.getByLabel('RC happened on').fill('2026-11-20');
      await form.getByRole('button', { name: 'Save plan' }).click();
      await expect.poll(() => form.getByTestId('plan-result').innerText(), { timeout: 15_000 }).toBe('Saved the plan of containerd 2.4: RC: December 2, 2026 → happened November 20, 2026.');

      await page.goto(`${portal.url}/projects/containerd/releases/2.4/qualification`);
      const record = page.getByTestId('record-ga');
      await record.getByLabel('GA date').fill('2026-11-27');
      await record.getByRole('button', { name: 'Record GA…' }).click();
      await page.getByTestId('record-ga-confirm').getByRole('button', { name: 'Record GA', exact: true }).click();
      await expect.poll(() => text(page.getByTestId('ga-result')), { timeout: 15_000 }).toMatch(/^containerd 2\.4 cannot go GA: no release candidate has been qualified/);

      const override = page.getByTestId('override-gate');
      await override.getByLabel('Override reason').fill('too short');
      await override.getByRole('button', { name: 'Override the GA gate' }).click();
      await expect(text(override.getByRole('alert'))).resolves.toMatch(/^Not overridden\.[\s\S]*write at least 15 characters on why GA may go ahead$/);
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
