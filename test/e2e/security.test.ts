import fs from 'node:fs';
import http from 'node:http';
import { sign } from '@octokit/webhooks-methods';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, createApiToken, createLocalUser, grantRole, openDatabase } from '@shepherd/governance';
import { launchBrowser } from '../support/browser';
import { startPortal, type Portal } from '../support/portal';
import { seededDataDir } from '../support/seeded-data-dir';

// Hostile input against the production build: every answer is a named 4xx, never a 500 or a silent
// acceptance. Bodies are capped before they are buffered, the public what-if is rate limited,
// server actions need our Origin, and the portal sits behind a trusted proxy (loopback) so
// X-Forwarded-For names the client, as it would behind nginx.

const SECRET = 'security-e2e-secret';
const MB = 1024 * 1024;

describe('hostile input', () => {
  const dataDir = seededDataDir('shepherd-security-e2e-');
  let portal: Portal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const tokens: Record<string, string> = {};
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      passwords.root = (await createLocalUser(database.prisma, CLI, { login: 'root', instanceAdmin: true })).password;
      tokens.root = (await createApiToken(database.prisma, CLI, { login: 'root', name: 'e2e', scopes: ['read', 'write:releases', 'write:keps', 'admin'] })).token;
      await createLocalUser(database.prisma, CLI, { login: 'shep' });
      await grantRole(database.prisma, CLI, { project: 'containerd', login: 'shep', role: 'shepherd' });
      tokens.shep = (await createApiToken(database.prisma, CLI, { login: 'shep', name: 'e2e', scopes: ['read', 'write:keps'] })).token;
    } finally {
      await database.close();
    }
    portal = await startPortal({
      SHEPHERD_DATA_DIR: dataDir,
      SHEPHERD_TODAY: '2026-11-28',
      SHEPHERD_SCHEDULER: 'off',
      SHEPHERD_QUALIFICATION_WORKER: 'off',
      SHEPHERD_LOGIN_ATTEMPTS: '3',
      SHEPHERD_TRUSTED_PROXIES: 'loopback',
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (method: string, pathname: string, init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) =>
    fetch(`${portal.url}${pathname}`, {
      method,
      headers: {
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined || init.raw !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
    });
  const failure = async (response: Response) => ({ status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message });

  /**
   * Sends a request whose body streams in `chunks` of 1 MiB, and reports when the answer came: a
   * server that refuses before buffering answers while the body is still being sent.
   */
  function streamed(pathname: string, headers: Record<string, string>, chunks: number): Promise<{ status: number; body: string; chunksSent: number }> {
    return new Promise((resolve, reject) => {
      const url = new URL(pathname, portal.url);
      let sent = 0;
      let answered = false;
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (response) => {
        answered = true;
        const at = sent;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body, chunksSent: at }));
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(MB, 'a');
      const pump = () => {
        while (!answered && sent < chunks) {
          sent++;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        if (!answered) request.end();
      };
      pump();
    });
  }

  describe('body limits: refused with 413 before the body is buffered', () => {
    it('the webhook answers a 60 MB unsigned body at once, without reading it', async () => {
      const answer = await streamed('/api/github/webhook', { 'Content-Type': 'application/json', 'Content-Length': String(60 * MB), 'X-GitHub-Event': 'issues', 'X-GitHub-Delivery': 'big-1' }, 60);
      expect(answer.status).toBe(401);
      expect(answer.chunksSent).toBeLessThan(60);
    });

    it('a signed-looking webhook over GitHub\'s 25 MB cap is 413, by Content-Length or while streaming', async () => {
      const headers = { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}`, 'X-GitHub-Event': 'issues', 'X-GitHub-Delivery': 'big-2' };
      const declared = await streamed('/api/github/webhook', { ...headers, 'Content-Length': String(30 * MB) }, 30);
      expect(declared.status).toBe(413);
      expect(declared.chunksSent).toBeLessThan(30);
      // No Content-Length (chunked): counted while streaming, refused once past 25 MB.
      const chunked = await streamed('/api/github/webhook', { ...headers, 'Transfer-Encoding': 'chunked' }, 40);
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body).message).toBe("the body is larger than GitHub's 25 MB webhook limit");
      expect(chunked.chunksSent).toBeLessThan(40);
    });

    it('JSON APIs take 128 KiB; the public what-if too', async () => {
      const huge = { extendedSupportNote: 'x'.repeat(MB) };
      await expect(failure(await api('PATCH', '/api/projects/containerd/cycles/2.3', { token: tokens.root, body: huge }))).resolves.toEqual({
        status: 413,
        message: 'body: larger than 128 KiB',
      });
      const whatIf = await streamed('/api/projects/containerd/what-if', { 'Content-Type': 'application/json', 'Content-Length': String(30 * MB) }, 30);
      expect(whatIf.status).toBe(413);
      expect(whatIf.chunksSent).toBeLessThan(30);
    });
  });

  describe('500s that are named 4xx', () => {
    it('ids beyond the integer column name their parameter', async () => {
      await expect(failure(await api('GET', '/api/qualifications/99999999999/log'))).resolves.toEqual({ status: 400, message: 'id: 99999999999 is out of range (ids run from 1 to 2147483647)' });
      await expect(failure(await api('DELETE', '/api/admin/roles/99999999999', { token: tokens.root }))).resolves.toEqual({ status: 400, message: 'id: 99999999999 is out of range (ids run from 1 to 2147483647)' });
      await expect(failure(await api('DELETE', '/api/admin/roles/-1', { token: tokens.root }))).resolves.toEqual({ status: 400, message: 'id: "-1" is not an id (a whole number from 1 to 2147483647)' });
      await expect(failure(await api('DELETE', '/api/admin/tokens/99999999999', { token: tokens.root }))).resolves.toMatchObject({ status: 400, message: expect.stringMatching(/^id: /) });
      await expect(failure(await api('GET', '/api/admin/audit?before=99999999999', { token: tokens.root }))).resolves.toEqual({ status: 400, message: 'before: 99999999999 is out of range (ids run from 1 to 2147483647)' });
    });

    it('NUL and lone surrogates in any text field, path or query are a 400 naming it', async () => {
      const cases: [string, string, { body?: unknown; raw?: string }, string][] = [
        ['PATCH', '/api/projects/containerd/cycles/2.3', { body: { extendedSupportNote: 'a\u0000b' } }, 'extendedSupportNote: contains the NUL character (U+0000), which cannot be stored'],
        ['PATCH', '/api/projects/containerd/cycles/2.3', { raw: '{"note":"\\ud800"}' }, 'note: contains a lone UTF-16 surrogate, which is not valid Unicode'],
        ['POST', '/api/admin/roles', { body: { project: 'containerd', login: 'someone', role: 'viewer', note: 'x\u0000' } }, 'note: contains the NUL character (U+0000), which cannot be stored'],
        ['POST', '/api/admin/tokens', { raw: '{"name":"\\udc00","scopes":["read"]}' }, 'name: contains a lone UTF-16 surrogate, which is not valid Unicode'],
        ['PATCH', '/api/projects/conta%00inerd/cycles/2.3', { body: { note: 'x' } }, 'project: contains the NUL character (U+0000), which cannot be stored'],
        ['DELETE', '/api/admin/roles/1?note=%00', {}, 'note: contains the NUL character (U+0000), which cannot be stored'],
        ['GET', '/api/admin/audit?actor=%00', {}, 'actor: contains the NUL character (U+0000), which cannot be stored'],
      ];
      for (const [method, pathname, init, message] of cases) {
        await expect(failure(await api(method, pathname, { token: tokens.root, ...init })), `${method} ${pathname}`).resolves.toEqual({ status: 400, message });
      }
      // Public GETs and pages: the path or query parameter is named.
      for (const [pathname, message] of [
        ['/api/projects/conta%00inerd/schedule', 'path: contains the NUL character (U+0000), which cannot be stored'],
        ['/api/projects/%ED%A0%80/schedule', 'path: "%ED%A0%80" is not valid percent-encoded UTF-8'],
        ['/projects/containerd/releases/%00', 'path: contains the NUL character (U+0000), which cannot be stored'],
        ['/projects/containerd/keps?sig=%00', 'sig: contains the NUL character (U+0000), which cannot be stored'],
        ['/projects/%ED%A0%80/releases', 'path: "%ED%A0%80" is not valid percent-encoded UTF-8'],
        ['/api/admin/roles/%ED%A0%80', 'path: "%ED%A0%80" is not valid percent-encoded UTF-8'],
      ]) {
        const response = await fetch(`${portal.url}${pathname}`);
        const text = await response.text();
        const named = response.headers.get('content-type')?.includes('json') ? JSON.parse(text).error.message : text;
        expect({ status: response.status, message: named }, pathname).toEqual({ status: 400, message });
      }
      // A malformed session cookie is no session, not an error.
      const me = await api('GET', '/api/auth/me', { headers: { Cookie: 'shepherd_session=%E0%A4%A' } });
      expect([me.status, await me.json()]).toEqual([200, { signedIn: false }]);
      const whatIf = await api('POST', '/api/projects/containerd/what-if', { raw: '{"policies":[],"count":"\\u0000"}' });
      await expect(failure(whatIf)).resolves.toEqual({ status: 400, message: 'count: contains the NUL character (U+0000), which cannot be stored' });
    });

    it('dates stay in years people plan in: 0000, 0001 and 1000 are refused, naming the field', async () => {
      for (const date of ['0000-01-01', '0001-05-01', '1000-01-31']) {
        await expect(failure(await api('PATCH', '/api/projects/containerd/cycles/2.3', { token: tokens.root, body: { endOfLife: { date, precision: 'day' } } }))).resolves.toEqual({
          status: 400,
          message: `endOfLife.date: ${date} is outside the years 2000–2199`,
        });
      }
      await expect(failure(await api('PATCH', '/api/projects/containerd/cycles/2.4/plan', { token: tokens.root, body: { milestones: { RC: { planned: { date: '0000-01-01', precision: 'day' } } } } }))).resolves.toEqual({
        status: 400,
        message: 'milestones.RC.planned.date: 0000-01-01 is outside the years 2000–2199',
      });
      await expect(failure(await api('GET', '/api/admin/audit?since=0000-01-01', { token: tokens.root }))).resolves.toEqual({ status: 400, message: 'since: 0000-01-01 is outside the years 2000–2199' });
    });

    it('signed webhook payloads that are not a storable JSON object are a 400', async () => {
      const deliver = async (body: string, id: string) => {
        const response = await fetch(`${portal.url}/api/github/webhook`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await sign(SECRET, body), 'X-GitHub-Event': 'issues', 'X-GitHub-Delivery': id },
          body,
        });
        return { status: response.status, message: ((await response.json()) as { message: string }).message };
      };
      await expect(deliver('null', 'p1')).resolves.toEqual({ status: 400, message: 'payload: expected a JSON object, got null' });
      await expect(deliver('[1]', 'p2')).resolves.toEqual({ status: 400, message: 'payload: expected a JSON object, got an array' });
      await expect(deliver('"hello"', 'p3')).resolves.toEqual({ status: 400, message: 'payload: expected a JSON object, got string' });
      await expect(deliver(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'p4')).resolves.toEqual({ status: 400, message: 'payload: is nested more than 64 levels deep' });
    });
  });

  it('rate-limits the public what-if per address', async () => {
    const statuses: number[] = [];
    // Another client than the tests above, through the trusted proxy.
    for (let i = 0; i < 31; i++) statuses.push((await api('POST', '/api/projects/containerd/what-if', { body: {}, headers: { 'X-Forwarded-For': '198.51.100.20' } })).status);
    expect(statuses.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    const other = await api('POST', '/api/projects/containerd/what-if', { body: {}, headers: { 'X-Forwarded-For': '198.51.100.21' } });
    expect(other.status).toBe(400);
  });

  it('refuses a shepherd replacing the liaisons of a Kubernetes release (the maintainers decide)', async () => {
    const refused = await api('PUT', '/api/projects/containerd/keps/liaisons/1.37', { token: tokens.shep, body: { logins: ['shep'] } });
    await expect(failure(refused)).resolves.toEqual({
      status: 403,
      message: 'You cannot replace the Kubernetes 1.37 liaisons of containerd: shep is not an admin or maintainer of the project.',
    });
    expect((await api('PUT', '/api/projects/containerd/keps/liaisons/1.37', { token: tokens.root, body: { logins: ['mikebrow'] } })).status).toBe(200);
  });

  it('flattens and escapes a hostile note in the generated RELEASES.md block', async () => {
    const note = 'Extended support by @samuelkarp.\n\n# Pwned\n<script>alert(1)</script> | a | b |';
    expect((await api('PATCH', '/api/projects/containerd/cycles/1.7', { token: tokens.root, body: { extendedSupportNote: note } })).status).toBe(200);
    const block = await (await api('GET', '/api/projects/containerd/releases-md')).text();
    expect(block).toContain('\\* Extended support by @samuelkarp. # Pwned &lt;script&gt;alert(1)&lt;/script&gt; \\| a \\| b \\|\n');
    expect(block).not.toMatch(/<script>|\n# Pwned/);
  });

  describe('signed in through the trusted proxy', () => {
    let signOutAction = '';
    const cookie = async () => `shepherd_session=${(await context.cookies()).find((c) => c.name === 'shepherd_session')!.value}`;
    beforeAll(async () => {
      await page.goto(`${portal.url}/signin`);
      await page.getByLabel('Login').fill('root');
      await page.getByLabel('Password').fill(passwords.root);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${portal.url}/admin/password?next=%2Fadmin`);
      await page.getByLabel('New password', { exact: true }).fill('quiet-ribbon-canyon-41');
      await page.getByLabel('New password again').fill('quiet-ribbon-canyon-41');
      await page.getByRole('button', { name: 'Choose password' }).click();
      await page.waitForURL(`${portal.url}/admin`);
      // A server-rendered page carries its actions' ids for forms that work before hydration.
      const html = await (await fetch(`${portal.url}/admin`, { headers: { Cookie: await cookie() } })).text();
      signOutAction = /\$ACTION_ID_([0-9a-f]+)/.exec(html)![1];
    });

    const action = async (origin: string | null) =>
      fetch(`${portal.url}/admin`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Next-Action': signOutAction, 'Content-Type': 'text/plain;charset=UTF-8', Cookie: await cookie(), ...(origin ? { Origin: origin } : {}) },
        body: '[]',
      });

    it('server actions with a foreign or missing Origin are refused with 403, and change nothing', async () => {
      for (const origin of ['https://evil.example', null, 'null']) {
        const response = await action(origin);
        expect(response.status, `Origin ${origin}`).toBe(403);
        expect(await response.text()).toBe('Cross-site request refused: Shepherd\'s forms only accept requests from its own pages (the Origin header must be this portal).');
      }
      // Still signed in: the refused sign-outs did not run.
      expect(((await (await api('GET', '/api/auth/me', { headers: { Cookie: await cookie() } })).json()) as { signedIn: boolean }).signedIn).toBe(true);
    });

    it('a server action that fails on NUL answers in the form, naming the field', async () => {
      await page.goto(`${portal.url}/admin/cycles/containerd/2.3`);
      await page.getByTestId('edit-support').getByLabel('Extended-support note').fill('a\u0000b');
      await page.getByTestId('edit-support').getByRole('button', { name: 'Save' }).click();
      await expect(page.getByTestId('edit-support-result').innerText()).resolves.toBe('Not saved.\nExtended-support note: contains the NUL character (U+0000), which cannot be stored');
    });

    it('trusts X-Forwarded-For from the proxy: guesses from many addresses still lock the account', async () => {
      const guess = async (address: string, password: string) => {
        await context.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
        await page.goto(`${portal.url}/signin`);
        if (await page.getByTestId('signed-in-login').count()) {
          await page.getByRole('button', { name: 'Sign out' }).first().click();
          await page.waitForURL(`${portal.url}/`);
          await page.goto(`${portal.url}/signin`);
        }
        await page.getByLabel('Login').fill('root');
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        return page.locator('main [role=alert]').innerText();
      };
      // SHEPHERD_LOGIN_ATTEMPTS=3 per login and address; 5 × 3 = 15 per account from anywhere.
      for (let i = 0; i < 15; i++) await expect(guess(`203.0.113.${i}`, `guess-${i}`)).resolves.toBe('Not signed in.\nPassword: wrong login or password');
      await expect(guess('203.0.113.200', 'quiet-ribbon-canyon-41')).resolves.toMatch(/^Not signed in\.\n+Too many failed sign-ins for root; try again in (59|60) minutes\.$/);
      await context.setExtraHTTPHeaders({});
    });
  });
});
