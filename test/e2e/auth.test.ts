import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../../scripts/build-portal';
import { FakeGithubOAuth } from '../fakes/github-oauth/server';
import { launchBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';
import { CHOSEN_PASSWORD, signInWithOneTimePassword } from '../support/sign-in';

// Accounts end to end on the production build: the embedded default's first admin and its one-time
// password, local sign-in, role grants, an allowed and a forbidden edit, the audit log, the API with
// tokens (every route × role), CSRF, sessions ended by password changes, resets and "sign out
// everywhere", safe redirects and rate limiting that a forged X-Forwarded-For cannot dodge; then, on
// the same data, "Sign in with GitHub" against a local fake.

const QUIET = { SHEPHERD_TODAY: '2026-11-28', SHEPHERD_SCHEDULER: 'off', SHEPHERD_QUALIFICATION_WORKER: 'off', SHEPHERD_LOGIN_ATTEMPTS: '3' };

describe('accounts, roles and the audit log', () => {
  const dataDir = seededDataDir('shepherd-auth-e2e-');
  let portal: Portal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminPassword = '';
  const passwords: Record<string, string> = {};

  async function signIn(login: string, password: string) {
    await page.goto(`${portal.url}/signin`);
    if (await page.getByTestId('signed-in-login').count()) {
      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL(`${portal.url}/`);
      await page.goto(`${portal.url}/signin`);
    }
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    // A real RC of 2.4 to qualify (the import queues its first attempt), between its beta and planned GA.
    const tags = path.join(dataDir, 'rc.tsv');
    fs.writeFileSync(tags, 'tag\tdate\nv2.4.0-rc.0\t2026-08-20 10:00:00 -0700\n');
    const imported = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import.ts', 'tags', tags, '--project', 'containerd'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(imported.status, imported.stderr).toBe(0);
    portal = await startPortal({ ...QUIET, SHEPHERD_DATA_DIR: dataDir });
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first admin on first start and prints its one-time password once', async () => {
    await page.goto(`${portal.url}/signin`);
    const match = /created the instance admin "admin" with the one-time password (\S+)/.exec(portal.output());
    expect(match).not.toBeNull();
    adminPassword = match![1];
    expect(portal.output().split(adminPassword).length).toBe(2);
  });

  it('signing in with the one-time password leads straight to choosing a new one; nothing else works first', async () => {
    await signIn('admin', 'not-the-password');
    await expect(page.locator('main [role=alert]').innerText()).resolves.toMatch(/^Not signed in\.\s+Password: wrong login or password$/);
    await signIn('admin', adminPassword);
    await page.waitForURL(`${portal.url}/admin/password?next=%2Fadmin`);
    // Pages, the API and server actions all wait for the new password.
    await page.goto(`${portal.url}/admin/users`);
    await page.waitForURL(`${portal.url}/admin/password?next=%2Fadmin%2Fusers`);
    const cookie = (await context.cookies()).find((c) => c.name === 'shepherd_session')!;
    const asPending = await fetch(`${portal.url}/api/admin/tokens`, { headers: { Cookie: `shepherd_session=${cookie.value}` } });
    expect(asPending.status).toBe(403);
    expect((await asPending.json()).error.message).toBe('You signed in with a one-time password: choose a new password first (your account page, /admin/password).');
    const edit = await fetch(`${portal.url}/api/projects/containerd/cycles/2.3`, {
      method: 'PATCH',
      headers: { Cookie: `shepherd_session=${cookie.value}`, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
      body: JSON.stringify({ extendedSupportNote: 'before choosing a password' }),
    });
    expect(edit.status).toBe(403);

    await page.getByLabel('New password', { exact: true }).fill('aaaaaaaaaaaa');
    await page.getByLabel('New password again').fill('aaaaaaaaaaaa');
    await page.getByRole('button', { name: 'Choose password' }).click();
    await expect(page.locator('main [role=alert]').innerText()).resolves.toMatch(/New password: this password is too easy to guess\. Repeated characters like "aaa" are easy to guess\./);
    await page.getByLabel('New password', { exact: true }).fill(CHOSEN_PASSWORD);
    await page.getByLabel('New password again').fill(CHOSEN_PASSWORD);
    await page.getByRole('button', { name: 'Choose password' }).click();
    await page.waitForURL(`${portal.url}/admin/users`);
    await expect(page.getByTestId('nav-login').innerText()).resolves.toBe('admin');
    const session = (await context.cookies()).find((c) => c.name === 'shepherd_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

    // The one-time password in the server log is used up.
    await signIn('admin', adminPassword);
    await expect(page.locator('main [role=alert]').innerText()).resolves.toMatch(/^Not signed in\.\s+Password: wrong login or password$/);
    adminPassword = CHOSEN_PASSWORD;
    await signIn('admin', adminPassword);
    await page.waitForURL(`${portal.url}/admin`);
  });

  it('lets the admin create a local user and grant roles, all audited', async () => {
    await page.goto(`${portal.url}/admin/users`);
    await page.getByTestId('create-user').getByLabel('Login').fill('lou');
    await page.getByRole('button', { name: 'Create local user' }).click();
    passwords.lou = await page.getByTestId('secret').innerText();
    expect(passwords.lou).toMatch(/^[A-Za-z0-9]{20}$/);

    await page.goto(`${portal.url}/admin/roles`);
    const grant = page.getByTestId('grant-role');
    await grant.getByLabel('Login').fill('lou');
    await grant.getByLabel('Role').selectOption('LTS_OWNER');
    await grant.getByLabel('Cycle').fill('2.3');
    await grant.getByLabel('Why').fill('volunteered for 2.3');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await expect(grant.getByRole('status').innerText()).resolves.toContain('Granted LTS owner of containerd 2.3 to lou.');
    // GitHub users can be granted a role before they first sign in.
    await grant.getByLabel('Login').fill('octocat');
    await grant.getByLabel('Role').selectOption('MAINTAINER');
    await grant.getByLabel('Cycle').fill('');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await expect.poll(() => grant.getByRole('status').innerText(), { timeout: 15_000 }).toContain('Granted maintainer of containerd to octocat.');
  });

  it('an LTS owner edits their branch, sees it on the public page, and is refused on another branch', async () => {
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL(`${portal.url}/`);
    passwords.lou = await signInWithOneTimePassword(page, portal.url, 'lou', passwords.lou, { password: 'lou-keeps-the-lts-branch' });
    await expect(page.getByTestId('my-roles').innerText()).resolves.toContain('LTS owner of containerd 2.3');

    await page.goto(`${portal.url}/admin/cycles/containerd/2.3`);
    const form = page.getByTestId('edit-support');
    await expect(form.getByLabel('End of life date').inputValue()).resolves.toBe('2028-04-30');
    await form.getByLabel('End of life date').fill('2028-05-31');
    await form.getByLabel('Why').fill('one more month for the last patch');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('edit-support-result').innerText()).resolves.toBe('Saved containerd 2.3: end of life: April 30, 2028 → May 31, 2028.');
    await page.goto(`${portal.url}/projects/containerd/releases/2.3`);
    await expect(page.getByTestId('support-window').innerText()).resolves.toMatch(/LTS until\s+May 31, 2028/);

    await page.goto(`${portal.url}/admin/cycles/containerd/1.7`);
    await page.getByTestId('edit-support').getByLabel('Extended-support note').fill('lou was here');
    await page.getByTestId('edit-support').getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('edit-support-result').innerText()).resolves.toContain(
      'You cannot change the support dates of containerd 1.7: lou is not an admin or maintainer of the project, or the release owner / LTS owner of this cycle.',
    );
  });

  it('shows the edit in the audit log, filtered, to the admin', async () => {
    await signIn('admin', adminPassword);
    await page.waitForURL(`${portal.url}/admin`);
    await page.goto(`${portal.url}/admin/audit?actor=lou&action=cycle.update-support`);
    const rows = await page.getByTestId('audit-log').locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    // What changed, in words: not the stored JSON of the whole record.
    expect(rows[0]).toMatch(/lou \(session\)\s+cycle\.update-support\s+containerd 2\.3\s+end of life: April 30, 2028 → May 31, 2028\s+one more month for the last patch/);
    await page.goto(`${portal.url}/admin/audit?action=role.grant`);
    await expect(page.getByTestId('audit-log').innerText()).resolves.toContain('lou: LTS owner of containerd 2.3');
  });

  describe('the API', () => {
    const tokens: Record<string, string> = {};
    const api = (method: string, pathname: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
      fetch(`${portal.url}${pathname}`, {
        method,
        headers: { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
    const ROLES = { maintainer: 'maintainer', 'release owner 2.4': 'release-owner', 'LTS owner 2.3': 'lts-owner', shepherd: 'shepherd', liaison: 'liaison', viewer: 'viewer' } as const;
    type Who = 'anonymous' | 'instance admin' | 'admin' | keyof typeof ROLES;
    const EVERYONE: Who[] = ['anonymous', 'instance admin', 'admin', ...(Object.keys(ROLES) as (keyof typeof ROLES)[])];

    beforeAll(async () => {
      // The instance admin's own token, made in the browser; the rest through the API with it.
      await page.goto(`${portal.url}/admin/tokens`);
      await page.getByTestId('create-token').getByLabel('Name').fill('e2e');
      for (const scope of ['write:releases', 'admin']) await page.getByTestId('create-token').getByLabel(scope, { exact: true }).check();
      await page.getByRole('button', { name: 'Create token' }).click();
      tokens['instance admin'] = await page.getByTestId('secret').innerText();
      const people: [Who, string, string, string | null][] = [
        ['admin', 'ada', 'admin', null],
        ...Object.entries(ROLES).map(([who, role]) => [who as Who, who.split(' ')[0].replace(/\W/g, '').toLowerCase() + 'x', role, who.endsWith('2.4') ? '2.4' : who.endsWith('2.3') ? '2.3' : null] as [Who, string, string, string | null]),
      ];
      for (const [who, login, role, cycle] of people) {
        expect((await api('POST', '/api/admin/users', { token: tokens['instance admin'], body: { login } })).status).toBe(201);
        expect((await api('POST', '/api/admin/roles', { token: tokens['instance admin'], body: { project: 'containerd', login, role, cycle } })).status).toBe(201);
        const created = await api('POST', '/api/admin/tokens', { token: tokens['instance admin'], body: { login, name: 'e2e', scopes: ['read', 'write:releases', 'admin'] } });
        tokens[who] = ((await created.json()) as { token: string }).token;
      }
    });

    const MUTATIONS: { name: string; allowed: Who[]; call: (token: string | undefined, n: number) => Promise<Response> }[] = [
      {
        name: 'PATCH /api/projects/containerd/cycles/2.3',
        allowed: ['instance admin', 'admin', 'maintainer', 'LTS owner 2.3'],
        call: (token, n) => api('PATCH', '/api/projects/containerd/cycles/2.3', { token, body: { extendedSupportNote: `note ${n}` } }),
      },
      {
        name: 'PATCH /api/projects/containerd/cycles/2.4',
        allowed: ['instance admin', 'admin', 'maintainer', 'release owner 2.4'],
        call: (token, n) => api('PATCH', '/api/projects/containerd/cycles/2.4', { token, body: { endOfLife: { date: `2027-0${1 + (n % 9)}`, precision: 'month', tentative: true } } }),
      },
      {
        name: 'PATCH /api/projects/containerd/cycles/2.4/plan',
        allowed: ['instance admin', 'admin', 'maintainer'],
        call: (token, n) =>
          api('PATCH', '/api/projects/containerd/cycles/2.4/plan', { token, body: { milestones: { RC: { planned: { date: `2026-08-${11 + (n % 14)}`, precision: 'day', tentative: true } } } } }),
      },
      {
        name: 'PUT /api/projects/containerd/policies',
        allowed: ['instance admin', 'admin', 'maintainer'],
        call: async (token, n) => {
          const { policies } = await (await api('GET', '/api/projects/containerd/policies')).json();
          const inForce = policies.filter((policy: { effectiveFrom: string }) => policy.effectiveFrom <= '2026-11-28');
          return api('PUT', '/api/projects/containerd/policies', { token, body: { policies: [...inForce, { ...inForce[1], version: 100 + n, name: `draft ${n}`, effectiveFrom: '2030-01-01' }], note: `draft ${n}` } });
        },
      },
      {
        name: 'POST /api/projects/containerd/cycles/2.4/qualifications',
        allowed: ['instance admin', 'admin', 'maintainer', 'release owner 2.4'],
        call: (token) => api('POST', '/api/projects/containerd/cycles/2.4/qualifications', { token, body: { tag: 'v2.4.0-rc.0', rerun: true } }),
      },
      {
        name: 'PUT /api/projects/containerd/ga-gate',
        allowed: ['instance admin', 'admin', 'maintainer'],
        call: (token, n) => api('PUT', '/api/projects/containerd/ga-gate', { token, body: { firstCycle: n % 2 ? '2.3' : '2.4', reason: `onboarding decision number ${n}` } }),
      },
      {
        name: 'POST /api/admin/roles',
        allowed: ['instance admin', 'admin'],
        call: (token, n) => api('POST', '/api/admin/roles', { token, body: { project: 'containerd', login: `grantee-${n}`, role: 'viewer' } }),
      },
      {
        name: 'POST /api/admin/users',
        allowed: ['instance admin'],
        call: (token, n) => api('POST', '/api/admin/users', { token, body: { login: `user-${n}` } }),
      },
      {
        name: 'POST /api/admin/tokens (for lou)',
        allowed: ['instance admin'],
        call: (token, n) => api('POST', '/api/admin/tokens', { token, body: { login: 'lou', name: `t${n}`, scopes: ['read'] } }),
      },
    ];

    let n = 0;
    for (const mutation of MUTATIONS) {
      it(`${mutation.name}: allowed for ${mutation.allowed.join(', ')}; denied, changing nothing, for the rest`, async () => {
        for (const who of EVERYONE) {
          const before = await (await api('GET', '/api/admin/audit?limit=1', { token: tokens['instance admin'] })).json();
          const response = await mutation.call(tokens[who], ++n);
          const after = await (await api('GET', '/api/admin/audit?limit=1', { token: tokens['instance admin'] })).json();
          const expected = mutation.allowed.includes(who) ? [200, 201] : [who === 'anonymous' ? 401 : 403];
          expect(expected, `${who} → ${response.status}: ${await response.clone().text()}`).toContain(response.status);
          if (response.status >= 400) expect(after.events[0].id, `${who} changed something`).toBe(before.events[0].id);
          else expect(after.events[0].id).toBeGreaterThan(before.events[0].id);
        }
      });
    }

    // Recording and undoing GA change what the public reads: who may not is refused before any gate check, and nothing changes.
    const GA_ACTIONS: { name: string; allowed: Who[]; call: (token: string | undefined) => Promise<Response> }[] = [
      {
        name: 'POST /api/projects/containerd/cycles/2.4/ga',
        allowed: ['instance admin', 'admin', 'maintainer', 'release owner 2.4'],
        call: (token) => api('POST', '/api/projects/containerd/cycles/2.4/ga', { token, body: { date: '2026-11-27' } }),
      },
      {
        name: 'POST /api/projects/containerd/cycles/2.3/ga/undo',
        allowed: ['instance admin', 'admin', 'maintainer'],
        call: (token) => api('POST', '/api/projects/containerd/cycles/2.3/ga/undo', { token, body: { reason: 'recorded on the wrong day, by mistake' } }),
      },
    ];
    for (const action of GA_ACTIONS) {
      it(`${action.name}: refused, changing nothing, for everyone but ${action.allowed.join(', ')}`, async () => {
        for (const who of EVERYONE.filter((candidate) => !action.allowed.includes(candidate))) {
          const before = await (await api('GET', '/api/admin/audit?limit=1', { token: tokens['instance admin'] })).json();
          const response = await action.call(tokens[who]);
          expect(response.status, `${who}: ${await response.clone().text()}`).toBe(who === 'anonymous' ? 401 : 403);
          const after = await (await api('GET', '/api/admin/audit?limit=1', { token: tokens['instance admin'] })).json();
          expect(after.events[0].id, `${who} changed something`).toBe(before.events[0].id);
        }
        const plan = await (await api('GET', `/api/projects/containerd/cycles/${action.name.includes('2.3') ? '2.3' : '2.4'}/plan`)).json();
        expect(plan.milestones.GA.actual).toBe(action.name.includes('2.3') ? '2026-04-30' : null);
      });
    }

    it('plans through the API: adds 2.5, refuses GA while the RC is queued, overrides with a reason, then records GA', async () => {
      const error = async (response: Response) => [response.status, (await response.json()).error.message];
      expect((await api('POST', '/api/projects/containerd/cycles', { token: tokens.maintainer, body: { cycle: '2.5' } })).status).toBe(201);
      await expect(error(await api('POST', '/api/projects/containerd/cycles', { token: tokens.maintainer, body: { cycle: '2.5' } }))).resolves.toEqual([412, 'cycle: containerd 2.5 is already in the plan']);
      await expect(error(await api('POST', '/api/projects/containerd/cycles', { token: tokens.maintainer, body: { cycle: 'two' } }))).resolves.toEqual([400, 'cycle: expected a release cycle such as 2.5']);
      const plan = await (await api('GET', '/api/projects/containerd/cycles/2.5/plan')).json();
      expect(plan).toMatchObject({ cycle: '2.5', milestones: { GA: { planned: { tentative: true }, actual: null } } });

      const promote = () => api('POST', '/api/projects/containerd/cycles/2.4/ga', { token: tokens.maintainer, body: { date: '2026-11-27' } });
      const [status, message] = await error(await promote());
      expect(status).toBe(412);
      expect(message).toMatch(/^containerd 2\.4 cannot go GA yet: the qualification of its latest RC v2\.4\.0-rc\.0 is queued\./);
      await expect(error(await api('POST', '/api/projects/containerd/cycles/2.4/ga-override', { token: tokens.maintainer, body: { reason: 'ship' } }))).resolves.toEqual([
        400,
        'reason: write at least 15 characters on why GA may go ahead',
      ]);
      expect((await api('POST', '/api/projects/containerd/cycles/2.4/ga-override', { token: tokens['release owner 2.4'], body: { reason: 'the release owner wants it out' } })).status).toBe(403);
      expect((await api('POST', '/api/projects/containerd/cycles/2.4/ga-override', { token: tokens.maintainer, body: { reason: 'queued reruns only; rc.0 passed' } })).status).toBe(201);
      const released = await promote();
      expect(released.status).toBe(201);
      expect((await released.json()).plan.milestones.GA).toEqual({ actual: '2026-11-27', planned: { date: '2026-11-27', precision: 'DAY', tentative: false } });
    });

    it('revokes tokens: DELETE /api/admin/tokens/{id}; a revoked token is refused', async () => {
      const created = await (await api('POST', '/api/admin/tokens', { token: tokens.viewer, body: { name: 'short-lived', scopes: ['admin'] } })).json();
      expect((await api('GET', '/api/auth/me', { token: created.token })).status).toBe(200);
      expect((await api('DELETE', `/api/admin/tokens/${created.view.id}`, { token: tokens.maintainer })).status).toBe(403);
      expect((await api('DELETE', `/api/admin/tokens/${created.view.id}`, { token: created.token })).status).toBe(200);
      const refused = await api('GET', '/api/auth/me', { token: created.token });
      expect(refused.status).toBe(401);
      expect((await refused.json()).error.message).toContain('unknown, revoked or expired');
    });

    it('names the bad field, and refuses cross-site cookie writes but not same-origin ones', async () => {
      const bad = await api('PATCH', '/api/projects/containerd/cycles/2.3', { token: tokens.maintainer, body: { endOfLife: { date: 'soon' }, colour: 'red' } });
      expect(bad.status).toBe(400);
      const message = (await bad.json()).error.message;
      expect(message).toContain('endOfLife.date: expected YYYY-MM-DD');
      expect(message).toContain('colour');

      const cookie = (await context.cookies()).find((c) => c.name === 'shepherd_session')!;
      const withCookie = (headers: Record<string, string>) =>
        api('PATCH', '/api/projects/containerd/cycles/2.3', { body: { extendedSupportNote: `from the browser ${++n}` }, headers: { Cookie: `shepherd_session=${cookie.value}`, ...headers } });
      expect((await withCookie({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect((await withCookie({})).status).toBe(403);
      expect((await withCookie({ Origin: portal.url.replace('127.0.0.1', 'localhost') })).status).toBe(403);
      // No proxy is trusted here: a forged X-Forwarded-Host does not make a foreign Origin ours.
      expect((await withCookie({ Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' })).status).toBe(403);
      expect((await withCookie({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    });

    it('sends security headers', async () => {
      const response = await fetch(`${portal.url}/signin`);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });
  });

  describe('sessions end when the password changes, on a reset, and everywhere at once', () => {
    let other: BrowserContext;
    let otherPage: Page;
    const sessionOf = async (ofContext: BrowserContext) => (await ofContext.cookies()).find((c) => c.name === 'shepherd_session')?.value ?? '';
    const whoIs = async (session: string) => ((await (await fetch(`${portal.url}/api/auth/me`, { headers: { Cookie: `shepherd_session=${session}` } })).json()) as { login?: string }).login ?? null;
    const signInAt = async (at: Page, login: string, password: string) => {
      await at.goto(`${portal.url}/signin`);
      if (await at.getByTestId('signed-in-login').count()) {
        await at.getByRole('button', { name: 'Sign out' }).first().click();
        await at.waitForURL(`${portal.url}/`);
        await at.goto(`${portal.url}/signin`);
      }
      await at.getByLabel('Login').fill(login);
      await at.getByLabel('Password').fill(password);
      await at.getByRole('button', { name: 'Sign in' }).click();
      await at.waitForURL((url) => !url.pathname.startsWith('/signin'));
    };

    beforeAll(async () => {
      other = await browser.newContext();
      otherPage = await other.newPage();
    });
    afterAll(async () => {
      await other?.close();
    });

    it('a password change ends the other sessions and keeps this one', async () => {
      await signInAt(page, 'lou', passwords.lou);
      await signInAt(otherPage, 'lou', passwords.lou);
      const [here, there] = [await sessionOf(context), await sessionOf(other)];
      expect([await whoIs(here), await whoIs(there)]).toEqual(['lou', 'lou']);
      await page.goto(`${portal.url}/admin/password`);
      await page.getByLabel('Current password').fill(passwords.lou);
      await page.getByLabel('New password', { exact: true }).fill('lou-still-keeps-2.3');
      await page.getByLabel('New password again').fill('lou-still-keeps-2.3');
      await page.getByRole('button', { name: 'Change password' }).click();
      passwords.lou = 'lou-still-keeps-2.3';
      await expect(page.locator('main [role=status]').innerText()).resolves.toContain('Password changed; 1 other session was signed out.');
      expect([await whoIs(here), await whoIs(there)]).toEqual(['lou', null]);
    });

    it("an admin's reset ends every session and revokes the API tokens", async () => {
      const lou = await signInAt(otherPage, 'lou', passwords.lou).then(() => sessionOf(other));
      const created = await fetch(`${portal.url}/api/admin/tokens`, {
        method: 'POST',
        headers: { Cookie: `shepherd_session=${lou}`, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'lou ci', scopes: ['read'] }),
      });
      const { token } = (await created.json()) as { token: string };
      expect((await fetch(`${portal.url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

      await signInAt(otherPage, 'admin', adminPassword);
      await otherPage.goto(`${portal.url}/admin/users`);
      await otherPage.getByTestId('reset-lou').getByRole('button', { name: 'Reset password' }).click();
      await expect(otherPage.getByTestId('reset-lou').getByRole('status').innerText()).resolves.toMatch(/New one-time password for lou \(1 session signed out, 2 API tokens revoked\): [A-Za-z0-9]{20} \(shown once: copy it now\)$/);
      expect(await whoIs(await sessionOf(context))).toBeNull();
      expect((await fetch(`${portal.url}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
      passwords.lou = await otherPage.getByTestId('reset-lou').getByTestId('secret').innerText();
    });

    it('"sign out everywhere" ends every session of the account, this one too', async () => {
      await signInAt(page, 'admin', adminPassword);
      const [here, there] = [await sessionOf(context), await sessionOf(other)];
      expect([await whoIs(here), await whoIs(there)]).toEqual(['admin', 'admin']);
      await page.goto(`${portal.url}/admin`);
      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.waitForURL(`${portal.url}/signin?signedOut=everywhere`);
      await expect(page.locator('main [role=status]').innerText()).resolves.toContain('Signed out on every device.');
      expect([await whoIs(here), await whoIs(there)]).toEqual([null, null]);
    });
  });

  describe('redirects after sign-in stay on this site', () => {
    it.each([
      ['%2F%09%2Fevil.example', '/admin'],
      ['%2F%5Cevil.example', '/admin'],
      ['https%3A%2F%2Fevil.example%2F', '/admin'],
      ['%2Fprojects%2Fcontainerd%2Freleases%0D%0ASet-Cookie%3A%20x%3Dy', '/projects/containerd/releasesSet-Cookie:%20x=y'],
    ])('next=%s → %s', async (next, landing) => {
      await page.goto(`${portal.url}/signin?next=${next}`);
      if (await page.getByTestId('signed-in-login').count()) {
        await page.getByRole('button', { name: 'Sign out' }).first().click();
        await page.waitForURL(`${portal.url}/`);
        await page.goto(`${portal.url}/signin?next=${next}`);
      }
      await page.getByLabel('Login').fill('admin');
      await page.getByLabel('Password').fill(adminPassword);
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
      expect(response.status()).toBeLessThan(500);
      await page.waitForURL(`${portal.url}${landing}`);
    });
  });

  it('locks a login after repeated failures, whatever X-Forwarded-For says (no proxy is trusted)', async () => {
    // 25 guesses, each claiming another address: the header is the client talking, so all count.
    const answers: string[] = [];
    for (let i = 0; i < 25; i++) {
      await context.setExtraHTTPHeaders({ 'X-Forwarded-For': `10.1.2.${i}` });
      await signIn('mallory', `guess-${i}`);
      answers.push((await page.locator('main [role=alert]').innerText()).replace(/\n+/g, '\n'));
    }
    await context.setExtraHTTPHeaders({});
    const wrong = 'Not signed in.\nPassword: wrong login or password';
    expect(answers.slice(0, 3)).toEqual([wrong, wrong, wrong]);
    expect(new Set(answers.slice(3))).toEqual(new Set(['Not signed in.\nToo many failed sign-ins for mallory; try again in 15 minutes.']));
    // A forged X-Forwarded-Proto does not make the session cookie Secure on plain http either.
    await context.setExtraHTTPHeaders({ 'X-Forwarded-Proto': 'https' });
    await signIn('admin', adminPassword);
    await page.waitForURL(`${portal.url}/admin`);
    await context.setExtraHTTPHeaders({});
    expect((await context.cookies()).find((c) => c.name === 'shepherd_session')).toMatchObject({ secure: false });
  });

  describe('sign in with GitHub (against a local fake)', () => {
    const github = new FakeGithubOAuth({ clientId: 'Iv1.e2e', clientSecret: 'e2e-secret', users: [{ id: 583231, login: 'octocat', name: 'The Octocat' }] });
    let oauthPortal: Portal;

    beforeAll(async () => {
      await portal.stop();
      const url = await github.start();
      oauthPortal = await startPortal({ ...QUIET, SHEPHERD_DATA_DIR: dataDir, GITHUB_CLIENT_ID: 'Iv1.e2e', GITHUB_CLIENT_SECRET: 'e2e-secret', GITHUB_OAUTH_URL: url, GITHUB_API_URL: url });
      await context.clearCookies();
    });
    afterAll(async () => {
      await oauthPortal?.stop();
      await github.stop();
    });

    it('signs octocat in through GitHub; the role granted before the first sign-in applies', async () => {
      await page.goto(`${oauthPortal.url}/signin`);
      await page.getByTestId('github-signin').click();
      await page.waitForURL(`${github.url}/login/oauth/authorize?**`);
      await page.getByText('Authorize as octocat').click();
      await page.waitForURL(`${oauthPortal.url}/admin`);
      await expect(page.getByTestId('nav-login').innerText()).resolves.toBe('octocat');
      await expect(page.getByTestId('my-roles').innerText()).resolves.toContain('maintainer of containerd');
      expect(github.exchanges).toEqual([expect.objectContaining({ ok: true })]);

      await page.goto(`${oauthPortal.url}/admin/cycles/containerd/1.7`);
      await page.getByTestId('edit-support').getByLabel('Extended-support note').fill('Extended support by the maintainers for Kubernetes 1.32');
      await page.getByTestId('edit-support').getByRole('button', { name: 'Save' }).click();
      await expect(page.getByTestId('edit-support-result').innerText()).resolves.toBe('Saved containerd 1.7: extended-support note changed.');
    });

    it('builds the callback URL from the real host, not a forged X-Forwarded-Host', async () => {
      const started = await fetch(`${oauthPortal.url}/api/auth/github?next=/admin`, { redirect: 'manual', headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' } });
      expect(started.status).toBe(302);
      expect(new URL(started.headers.get('location')!).searchParams.get('redirect_uri')).toBe(`${oauthPortal.url}/api/auth/github/callback`);
      expect(started.headers.get('set-cookie')).not.toMatch(/;\s*secure/i);
    });

    it('a callback whose state did not start in this browser is refused with a message', async () => {
      await page.goto(`${oauthPortal.url}/api/auth/github/callback?code=abc&state=forged`);
      await expect(page.locator('main [role=alert]').innerText()).resolves.toBe('The sign-in expired or did not start here; try again.');
    });
  });
});
