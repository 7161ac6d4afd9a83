import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeRepository } from './model';
import { mountIssueWriteRoutes } from './routes/issue-writes';
import { mountRepositoryRoutes } from './routes/repository';

// A local GitHub REST server for tests and benchmarks. It behaves like api.github.com where sync
// depends on it: absolute `Link` pagination whose URLs name the repository by id
// (`/repositories/{id}/…`, as GitHub's own pagination docs and recordings show, whatever form the
// request used), every repository route answered under `/repositories/{id}` too, strong ETags that
// vary with the token and 304s that cost no rate limit, X-RateLimit-* headers with a budget that
// runs out, secondary-limit 403/429 answers, 5xx (JSON or GitHub's HTML error page), dropped
// connections, slow answers and data changed between two requests on demand. Route modules mount
// onto it (`fake.route(...)`), so more endpoints can be added later without touching this file.

export interface FakeRequest {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  token: string | null;
  body: string;
}
/** An error or empty answer; a single object; or a list, paged first and rendered page by page. */
export type FakeReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { json: unknown }
  | { list: unknown[]; render: (item: never) => unknown };
export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export type Fault =
  | { kind: 'drop' } // destroy the socket before answering, like a connection reset
  | { kind: 'status'; status: number; html?: boolean } // 500, 502, 503... (`html`: the HTML error page GitHub's front end serves)
  | { kind: 'change'; apply: () => void } // changes the data, then answers normally (an issue deleted mid-pass)
  | { kind: 'secondary'; status: 403 | 429; retryAfter?: number } // GitHub's secondary rate limit
  | { kind: 'slow'; delayMs: number };
export interface FaultRule { fault: Fault; times: number; match?: (url: URL) => boolean }

export interface LoggedRequest { method: string; path: string; status: number; conditional: boolean; at: number }

export interface FakeGithubOptions {
  /** The fake's clock (ms). Rate-limit resets and `updated_at` come from it. */
  now?: () => number;
  rateLimit?: number;
  /** Seconds until the rate-limit window resets. */
  rateLimitWindow?: number;
  /**
   * `repository-id` (default, as api.github.com): `Link` URLs of repository lists use
   * `/repositories/{id}/…`; `as-requested`: they keep the path the request used.
   */
  links?: 'repository-id' | 'as-requested';
}

interface Route { method: string; pattern: RegExp; keys: string[]; handler: FakeHandler }

export class FakeGithub {
  readonly now: () => number;
  readonly repositories = new Map<string, FakeRepository>();
  readonly requests: LoggedRequest[] = [];
  readonly faults: FaultRule[] = [];
  private readonly routes: Route[] = [];
  private readonly budgets = new Map<string, { remaining: number; reset: number }>();
  private readonly waiters: { match: (request: LoggedRequest) => boolean; resolve: (request: LoggedRequest) => void }[] = [];
  private server?: http.Server;
  url = '';

  constructor(private readonly options: FakeGithubOptions = {}) {
    this.now = options.now ?? Date.now;
    mountRepositoryRoutes(this);
    mountIssueWriteRoutes(this);
  }

  /** Adds an endpoint. `pattern` uses `:name` segments, e.g. `/repos/:owner/:repo/issues`. */
  route(method: string, pattern: string, handler: FakeHandler): void {
    const keys: string[] = [];
    const source = pattern.replace(/:(\w+)(\*)?/g, (_, key: string, rest?: string) => {
      keys.push(key);
      return rest ? '(.+)' : '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
  }

  repository(fullName: string): FakeRepository {
    let repository = this.repositories.get(fullName);
    if (!repository) {
      const [owner, name] = fullName.split('/');
      repository = new FakeRepository(owner, name, this.now, 100 + this.repositories.size);
      this.repositories.set(fullName, repository);
    }
    return repository;
  }

  /**
   * Resolves with the first request (from the `since`-th logged one on, by default the next one)
   * that `match` accepts: tests wait for the event they need instead of for time to pass.
   */
  waitForRequest(match: (request: LoggedRequest) => boolean, since = this.requests.length): Promise<LoggedRequest> {
    const logged = this.requests.slice(since).find(match);
    if (logged) return Promise.resolve(logged);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  private logRequest(request: LoggedRequest): void {
    this.requests.push(request);
    for (const waiter of this.waiters.filter((candidate) => candidate.match(request))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(request);
    }
  }

  /** The repository a `/repos/{owner}/{repo}/…` or `/repositories/{id}/…` path names, and the rest of the path. */
  private repositoryPath(pathname: string): { repo: FakeRepository; rest: string } | null {
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
    if (byId) {
      const repo = [...this.repositories.values()].find((candidate) => candidate.id === Number(byId[1]));
      return repo ? { repo, rest: byId[2] ?? '' } : null;
    }
    const byName = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(pathname);
    const repo = byName ? this.repositories.get(`${decodeURIComponent(byName[1])}/${decodeURIComponent(byName[2])}`) : undefined;
    return repo ? { repo, rest: byName![3] ?? '' } : null;
  }

  /** Makes the next `times` matching requests fail with `fault`. */
  inject(fault: Fault, options: { times?: number; match?: (url: URL) => boolean } = {}): void {
    this.faults.push({ fault, times: options.times ?? 1, match: options.match });
  }

  /** Sets what the rate limit of `token` has left (0 makes the next request a primary-limit 403). */
  setRateLimit(token: string, remaining: number, resetInSeconds = this.options.rateLimitWindow ?? 3600): void {
    this.budgets.set(token, { remaining, reset: Math.floor(this.now() / 1000) + resetInSeconds });
  }

  async start(port = 0): Promise<string> {
    // A fault in the fake (or a test's `change`) answers 500 with its message instead of hanging the client.
    this.server = http.createServer((req, res) =>
      void this.handle(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: `fake GitHub: ${error.message}` }));
      }),
    );
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private budget(token: string | null) {
    const key = token ?? '';
    const nowSeconds = Math.floor(this.now() / 1000);
    let budget = this.budgets.get(key);
    if (!budget || budget.reset <= nowSeconds) {
      budget = { remaining: token ? (this.options.rateLimit ?? 5000) : 60, reset: nowSeconds + (this.options.rateLimitWindow ?? 3600) };
      this.budgets.set(key, budget);
    }
    return { key, budget, limit: token ? (this.options.rateLimit ?? 5000) : 60 };
  }

  private takeFault(url: URL): Fault | null {
    const rule = this.faults.find((candidate) => candidate.times > 0 && (!candidate.match || candidate.match(url)));
    if (!rule) return null;
    rule.times -= 1;
    return rule.fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const authorization = req.headers.authorization ?? '';
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(authorization)?.[1] ?? null;
    const ifNoneMatch = req.headers['if-none-match'];
    const log = (status: number) => this.logRequest({ method: req.method ?? 'GET', path: url.pathname + url.search, status, conditional: Boolean(ifNoneMatch), at: this.now() });

    const fault = this.takeFault(url);
    if (fault?.kind === 'drop') {
      log(0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.kind === 'change') fault.apply();

    const { budget, limit } = this.budget(token);
    const rateHeaders = () => ({
      'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(budget.remaining), 'x-ratelimit-reset': String(budget.reset),
      'x-ratelimit-used': String(limit - budget.remaining), 'x-ratelimit-resource': 'core',
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log(status);
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', 'x-github-api-version-selected': '2022-11-28', date: new Date(this.now()).toUTCString(),
        'x-github-request-id': `FAKE:${this.requests.length}`, ...rateHeaders(), ...headers,
      });
      res.end(text);
    };

    if (fault?.kind === 'status') return send(fault.status, fault.html ? errorPage(fault.status) : { message: 'Server Error' });
    if (fault?.kind === 'secondary') {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      return send(fault.status, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits', status: String(fault.status) }, headers);
    }
    if (budget.remaining <= 0) {
      return send(403, { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' });
    }

    // Every repository route also answers under /repositories/{id}, the form GitHub's Link headers use.
    const named = this.repositoryPath(url.pathname);
    const pathname = named ? `/repos/${named.repo.fullName}${named.rest}` : url.pathname;
    const linkPath = named && (this.options.links ?? 'repository-id') === 'repository-id' ? `/repositories/${named.repo.id}${named.rest}` : url.pathname;
    const route = this.routes.find((candidate) => candidate.method === req.method && candidate.pattern.test(pathname));
    if (!route) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const match = route.pattern.exec(pathname)!;
    const params = Object.fromEntries(route.keys.map((key, index) => [key, decodeURIComponent(match[index + 1])]));
    const reply = await route.handler({ method: req.method ?? 'GET', url, params, headers: req.headers, token, body: Buffer.concat(chunks).toString('utf8') });
    if ('status' in reply) {
      if (reply.status < 300) budget.remaining -= 1;
      return send(reply.status, reply.body, reply.headers);
    }
    const { body, link } = 'json' in reply ? { body: reply.json, link: undefined } : paginate(url, new URL(linkPath + url.search, this.url), reply.list, reply.render as (item: unknown) => unknown);
    const text = JSON.stringify(body);
    // GitHub's ETag depends on the body and the credential that asked for it.
    const etag = `"${createHash('sha256').update(`${token ?? ''}\n${text}`).digest('hex')}"`;
    const headers: Record<string, string> = { etag, 'cache-control': 'private, max-age=60, s-maxage=60', vary: 'Accept, Authorization, Cookie, X-GitHub-OTP' };
    if (link) headers.link = link;
    const presented = typeof ifNoneMatch === 'string' ? ifNoneMatch.split(',').map((value) => value.trim().replace(/^W\//, '')) : [];
    if (presented.includes(etag)) {
      log(304);
      // Like GitHub's recorded 304s: validators, caching and rate-limit headers, no Link.
      res.writeHead(304, { etag, date: new Date(this.now()).toUTCString(), 'cache-control': headers['cache-control'], vary: headers.vary, ...rateHeaders() });
      res.end();
      return;
    }
    budget.remaining -= 1;
    send(200, body, headers);
  }
}

/**
 * Pages a list the way GitHub does: `per_page` (default 30, max 100), `page`, and absolute Link
 * URLs on `linkBase` (the request's query kept in its order, `page` set last) in GitHub's order:
 * prev, next, last, first. The first page has no prev/first, the last page no next/last.
 */
function paginate(url: URL, linkBase: URL, items: unknown[], render: (item: unknown) => unknown): { body: unknown; link?: string } {
  const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
  const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const at = (n: number) => {
    const target = new URL(linkBase);
    target.searchParams.set('page', String(n));
    return target.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`);
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`);
  return { body: items.slice((page - 1) * perPage, page * perPage).map(render), link: links.length ? links.join(', ') : undefined };
}

/** What GitHub's front end serves for a 5xx it raises itself: an HTML page, not JSON. */
function errorPage(status: number): string {
  return `<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Unicorn! · GitHub</title><style>body { font-family: sans-serif; }</style></head>\n<body><h1>${status}</h1><p>No server is currently available to service your request.</p></body>\n</html>\n`;
}

export async function startFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  const fake = new FakeGithub(options);
  await fake.start();
  return fake;
}
