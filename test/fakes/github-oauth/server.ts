import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A small fake of GitHub's OAuth web flow, for end-to-end sign-in tests without GitHub:
//   GET  /login/oauth/authorize     an "Authorize <app>" page with one button per known user
//   POST /login/oauth/access_token  code → token (client id/secret in the body or HTTP Basic);
//                                   JSON when asked, else form-encoded; errors as GitHub sends
//                                   them: status 200 with `error`, `error_description`
//   GET  /user                      the token's user (401 "Bad credentials" otherwise)
// Codes are single-use and expire after 10 minutes, like GitHub's. `handle` can be mounted into
// another server (the general fake GitHub) as it is.

export interface FakeGithubUser {
  id: number;
  login: string;
  name?: string | null;
}

export interface FakeGithubOAuthOptions {
  clientId: string;
  clientSecret: string;
  users: FakeGithubUser[];
}

interface Grant {
  user: FakeGithubUser;
  clientId: string;
  redirectUri: string | null;
  expiresAt: number;
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class FakeGithubOAuth {
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, FakeGithubUser>();
  private server?: http.Server;
  url = '';
  /** Every token exchange, for assertions. */
  readonly exchanges: { code: string; ok: boolean; error?: string }[] = [];

  constructor(private readonly options: FakeGithubOAuthOptions) {}

  /** Answers the request if it is one of the fake's routes; false otherwise. */
  handle = (request: http.IncomingMessage, response: http.ServerResponse, body: string): boolean => {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method === 'GET' && url.pathname === '/login/oauth/authorize') return this.authorize(url, response);
    if (request.method === 'GET' && url.pathname === '/login/oauth/approve') return this.approve(url, response);
    if (request.method === 'POST' && url.pathname === '/login/oauth/access_token') return this.exchange(request, body, response);
    if (request.method === 'GET' && url.pathname === '/user') return this.user(request, response);
    return false;
  };

  private authorize(url: URL, response: http.ServerResponse): boolean {
    const clientId = url.searchParams.get('client_id');
    const redirectUri = url.searchParams.get('redirect_uri');
    if (clientId !== this.options.clientId) {
      response.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>404</h1><p>The OAuth application was not found.</p>');
      return true;
    }
    const buttons = this.options.users
      .map((user) => {
        const approve = new URLSearchParams({ login: user.login, client_id: clientId, state: url.searchParams.get('state') ?? '', redirect_uri: redirectUri ?? '' });
        return `<p><a href="/login/oauth/approve?${escape(approve.toString())}" data-login="${escape(user.login)}">Authorize as ${escape(user.login)}</a></p>`;
      })
      .join('\n');
    const deny = redirectUri ? `<p><a href="${escape(`${redirectUri}?error=access_denied&state=${encodeURIComponent(url.searchParams.get('state') ?? '')}`)}">Cancel</a></p>` : '';
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Authorize application</title><h1>Authorize Shepherd</h1>${buttons}${deny}`);
    return true;
  }

  private approve(url: URL, response: http.ServerResponse): boolean {
    const user = this.options.users.find((candidate) => candidate.login === url.searchParams.get('login'));
    const redirectUri = url.searchParams.get('redirect_uri');
    if (!user || !redirectUri) {
      response.writeHead(400).end('unknown user or missing redirect_uri');
      return true;
    }
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, { user, clientId: url.searchParams.get('client_id') ?? '', redirectUri, expiresAt: Date.now() + 600_000 });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', url.searchParams.get('state') ?? '');
    response.writeHead(302, { Location: target.toString() }).end();
    return true;
  }

  private exchange(request: http.IncomingMessage, body: string, response: http.ServerResponse): boolean {
    const type = request.headers['content-type'] ?? '';
    const params: Record<string, string> = type.includes('json') ? JSON.parse(body || '{}') : Object.fromEntries(new URLSearchParams(body));
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
    const clientId = params.client_id ?? basicId;
    const clientSecret = params.client_secret ?? basicSecret;
    const json = (request.headers.accept ?? '').includes('json');
    const reply = (payload: Record<string, string>) => {
      response
        .writeHead(200, { 'Content-Type': json ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded; charset=utf-8' })
        .end(json ? JSON.stringify(payload) : new URLSearchParams(payload).toString());
      return true;
    };
    const fail = (error: string, description: string) => {
      this.exchanges.push({ code: params.code ?? '', ok: false, error });
      return reply({ error, error_description: description, error_uri: 'https://docs.github.com/apps/oauth' });
    };
    if (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret) return fail('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.');
    const grant = this.codes.get(params.code ?? '');
    this.codes.delete(params.code ?? '');
    if (!grant || grant.expiresAt < Date.now() || grant.clientId !== clientId) return fail('bad_verification_code', 'The code passed is incorrect or expired.');
    if (params.redirect_uri && grant.redirectUri && params.redirect_uri !== grant.redirectUri) {
      return fail('redirect_uri_mismatch', 'The redirect_uri MUST match the registered callback URL for this application.');
    }
    const token = `gho_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(token, grant.user);
    this.exchanges.push({ code: params.code, ok: true });
    return reply({ access_token: token, token_type: 'bearer', scope: '' });
  }

  private user(request: http.IncomingMessage, response: http.ServerResponse): boolean {
    const token = /^(?:Bearer|token)\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const user = token ? this.tokens.get(token) : undefined;
    if (!user) {
      response.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }));
      return true;
    }
    response
      .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ login: user.login, id: user.id, node_id: `U_${user.id}`, type: 'User', site_admin: false, name: user.name ?? null, html_url: `https://github.com/${user.login}` }));
    return true;
  }

  /** Listens on 127.0.0.1 (a free port); `url` is then the OAuth and API base URL. */
  async start(): Promise<string> {
    this.server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        if (!this.handle(request, response, body)) response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
