import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { resolveSession } from '@shepherd/governance/auth/sessions';
import { representation, type Representation } from '@shepherd/governance/eol/representation';
import { prisma } from '../lib/database';
import { headersOf } from '../lib/http';
import { pageCache, publicCache, publicUrlKey, sessionPageCache } from '../lib/public-cache';
import { PEER_HEADER } from '../lib/request-guard';
import { SESSION_COOKIE } from '../lib/session-cookie';
import { today } from '../lib/today';
import { LiveCache } from './live-cache';
import { isAnonymous, NEXT_VARY_HEADERS, Origins, pageKey, pathOf, sessionCookieOf } from './memory-key';
import { header, sendRepresentation } from './respond';
import type { RouteNames } from './routes';

// What the server answers before Next, from memory:
// - public API, feed, calendar and badge answers that a Next route handler already computed through
//   servePublic (lib/http.ts), for the exact same URL: the same bytes and headers;
// - the pages in CACHED_PAGES, computed once per data version and UTC day (lib/public-cache.ts):
//   for anonymous visitors in one cache, for each signed-in session in another (the session is checked
//   on every request, so a page is never served to a session that ended);
// - the live status pages in LIVE_PAGES, at most LIVE_PAGE_MS old (they show job runs, sync runs and
//   qualification progress, which change without a data version).
// A page is rendered by Next, through a request this server sends to itself carrying the caller's
// cookie (marked with a secret only this process knows), and kept with a strong ETag; client-side
// navigations (RSC requests) are cached the same way, keyed by the headers Next varies them on.
// Misses and everything else go to Next unchanged. SHEPHERD_PUBLIC_FAST_PATH=off turns all of it off.

/** Pages whose answer depends only on the data, the day, the URL and who asks. */
export const CACHED_PAGES = new Set([
  '/',
  '/projects/[project]/eol',
  '/projects/[project]/releases',
  '/projects/[project]/releases/[cycle]',
  '/projects/[project]/plan',
  '/projects/[project]/plan/releases-md',
  '/projects/[project]/keps',
  '/projects/[project]/keps/[...kep]',
  '/projects/[project]/keps/queue',
  '/projects/[project]/keps/liaison',
]);

/** Pages that also show what changes without a data version; `signedIn`: only sessions' are kept. */
export const LIVE_PAGES = new Map<string, { signedIn: boolean }>([
  ['/sync', { signedIn: false }],
  ['/sync/jobs', { signedIn: false }],
  ['/projects/[project]/releases/[cycle]/qualification', { signedIn: false }],
  ['/admin', { signedIn: true }],
  ['/admin/audit', { signedIn: true }],
  ['/admin/users', { signedIn: true }],
  ['/admin/roles', { signedIn: true }],
  ['/admin/tokens', { signedIn: true }],
  ['/admin/projects', { signedIn: true }],
  ['/admin/cycles/[project]/[cycle]', { signedIn: true }],
]);
export const LIVE_PAGE_MS = 1_000;
/**
 * How long a session found valid is believed without asking the database again. Ending a session is
 * a write request, which makes this process ask again at once; another replica learns of it within
 * this time (and serves that session, meanwhile, only the pages it was already shown).
 */
export const SESSION_CHECK_MS = 1_000;

const RENDER_HEADER = 'x-shepherd-render';
/** What a cached page keeps of Next's headers (the rest is either ours or per request). */
const KEPT_HEADERS = new Set(['content-type', 'link', 'vary']);
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

export interface PageAnswer {
  representation: Representation;
  headers: Record<string, string>;
}

/** A page Next answered with something other than 200 (a redirect, a 404), or that set a cookie: sent as it came, never kept. */
class UncachedPage extends Error {
  constructor(
    readonly status: number,
    readonly headers: http.OutgoingHttpHeaders,
    readonly body: Buffer,
  ) {
    super(`the page answered ${status}`);
  }
}

/** Who asks: nobody, or a session (validated), which then sees its own pages. */
type Audience = { kind: 'anonymous' } | { kind: 'session'; id: string; cookie: string };

export type Served = 'cache' | null;

export class PublicAnswers {
  private readonly secret = randomBytes(24).toString('base64url');
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private readonly live = new LiveCache<PageAnswer>(LIVE_PAGE_MS, { stale: true });
  private readonly sessions = new LiveCache<Audience | null>(SESSION_CHECK_MS, { maxEntries: 10_000 });
  private readonly origins = new Origins();

  constructor(
    private readonly options: {
      routes: RouteNames;
      /** Where this server listens, for the page renders it asks Next for. */
      address: () => { host: string; port: number };
      onRenderError?: (error: Error, url: string) => void;
      /** The client's TCP peer (behind the front process: the one it vouches for). */
      peerOf?: (request: http.IncomingMessage) => string;
      /** An anonymous request answered from memory, under the key the front process looks it up by. */
      onAnonymousHit?: (request: http.IncomingMessage, key: string, day: string, answer: PageAnswer) => void;
    },
  ) {}

  /** A page render this server asked for: trusted to carry the original client's peer address. */
  isRender(request: http.IncomingMessage): boolean {
    const value = request.headers[RENDER_HEADER];
    if (value === undefined) return false;
    delete request.headers[RENDER_HEADER];
    return value === this.secret;
  }

  /** A request that may have written was answered: live pages are rendered afresh. */
  writeAnswered(): void {
    this.live.clear();
    this.sessions.clear();
  }

  /**
   * The hot path, synchronous (no promise, no database, no URL parsing): sends what memory already
   * holds for this exact request, a public API answer or an anonymous page, and returns its status;
   * null when memory holds nothing ready (a miss, a new day, a write not yet checked), and the
   * request goes on to the guard, serve() and Next. The URL needs no guard here: it matched,
   * character for character, one that Next already answered.
   */
  answerFromMemory(request: http.IncomingMessage, response: http.ServerResponse): number | null {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url) return null;
    const url = request.url;
    const origin = this.origin(request);
    const day = today();
    const key = publicUrlKey(`${origin} ${url}`);
    let answer: PageAnswer | undefined;
    if (key !== undefined) {
      const entry = publicCache().peek<Representation>(key, day);
      if (!entry) return null;
      answer = { representation: entry, headers: headersOf(entry) };
    }
    const anonymous = isAnonymous(request);
    // Named once: the page cache's key for anonymous visitors, and the front process's for any anonymous hit.
    const anonymousKey = anonymous && (!answer || this.options.onAnonymousHit) ? pageKey(request, 'anonymous', origin, url) : null;
    if (!answer) {
      if (anonymousKey === null || !CACHED_PAGES.has(this.options.routes.of(pathOf(url)))) return null;
      answer = pageCache().peek<PageAnswer>(anonymousKey, day);
      if (!answer) return null;
    }
    if (anonymousKey !== null) this.options.onAnonymousHit?.(request, anonymousKey, day, answer);
    return sendRepresentation(request, response, answer.representation, answer.headers);
  }

  /**
   * Answers the request from memory when it can ('cache'), else null for Next to answer: cached
   * pages and live pages, rendered on a miss. `answering` is called just before the answer is sent
   * (a logger may see it end right away).
   */
  async serve(request: http.IncomingMessage, response: http.ServerResponse, answering: () => void = () => undefined): Promise<Served> {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url) return null;
    const url = request.url;
    const origin = this.origin(request);
    const day = today();
    const route = this.options.routes.of(pathOf(url));
    const cached = CACHED_PAGES.has(route);
    const live = LIVE_PAGES.get(route);
    if (!cached && !live) return null;
    const audience = await this.audience(request);
    if (!audience || (live?.signedIn && audience.kind === 'anonymous')) return null;
    const who = audience.kind === 'anonymous' ? 'anonymous' : `session ${audience.id}`;
    const key = pageKey(request, who, origin, url);
    const build = () => this.render(request, url, audience);
    try {
      const answer = cached
        ? await (audience.kind === 'anonymous' ? pageCache() : sessionPageCache()).get<PageAnswer>(key, day, build)
        : await this.live.get(`${day} ${key}`, build);
      answering();
      sendRepresentation(request, response, answer.representation, answer.headers);
    } catch (error) {
      if (!(error instanceof UncachedPage)) {
        this.options.onRenderError?.(error as Error, url);
        return null;
      }
      answering();
      response.writeHead(error.status, error.headers).end(request.method === 'HEAD' ? undefined : error.body);
    }
    return 'cache';
  }

  close(): void {
    this.agent.destroy();
  }

  private origin(request: http.IncomingMessage): string {
    return this.origins.of(request, this.options.peerOf?.(request) ?? request.socket.remoteAddress ?? '');
  }

  /** null: not a request the page caches answer (an API token, or a session that is not valid). */
  private async audience(request: http.IncomingMessage): Promise<Audience | null> {
    if (request.headers.authorization !== undefined) return null;
    const raw = sessionCookieOf(request);
    if (raw === undefined) return { kind: 'anonymous' };
    let token: string;
    try {
      token = decodeURIComponent(raw);
    } catch {
      return null;
    }
    const id = createHash('sha256').update(token).digest('base64url');
    return this.sessions.get(id, async () => {
      const session = await resolveSession(await prisma(), token);
      if (!session || session.user.passwordChangeRequired) return null;
      return { kind: 'session', id, cookie: `${SESSION_COOKIE}=${raw}` };
    });
  }

  /** Asks Next (through this server) for the page, as the caller would, with only its session cookie. */
  private render(request: http.IncomingMessage, url: string, audience: Audience): Promise<PageAnswer> {
    const { host, port } = this.options.address();
    const headers: Record<string, string> = {
      host: header(request, 'host') ?? `${host}:${port}`,
      accept: header(request, 'accept') ?? 'text/html',
      'user-agent': 'shepherd-page-cache',
      [RENDER_HEADER]: this.secret,
      [PEER_HEADER]: header(request, PEER_HEADER) ?? '',
      ...(audience.kind === 'session' ? { cookie: audience.cookie } : {}),
    };
    // The page may build absolute links from the origin (lib/http.ts originFromHeaders), which
    // believes these only from trusted proxies: the peer above decides that, as for the original.
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', ...NEXT_VARY_HEADERS]) {
      const value = header(request, name);
      if (value !== null) headers[name] = value;
    }
    return new Promise((resolve, reject) => {
      const inner = http.request({ host, port, path: url, method: 'GET', headers, agent: this.agent, timeout: 60_000 }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const flat = (value: string | string[]) => (Array.isArray(value) ? value.join(', ') : value);
          if (answer.statusCode !== 200 || answer.headers['set-cookie'] !== undefined) {
            const kept: http.OutgoingHttpHeaders = {};
            for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
            reject(new UncachedPage(answer.statusCode ?? 502, kept, body));
            return;
          }
          const kept: Record<string, string> = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined && (KEPT_HEADERS.has(name) || name.startsWith('x-nextjs-'))) kept[name] = flat(value);
          }
          const { 'content-type': contentType = 'text/html; charset=utf-8', vary, ...rest } = kept;
          const entry = representation(body.toString('utf8'), contentType, null, { maxAge: 0 });
          resolve({
            representation: entry,
            headers: {
              ...rest,
              'Content-Type': contentType,
              ETag: entry.etag,
              // Browsers keep it and ask again with If-None-Match (304); shared caches never keep it,
              // since another person gets another page at the same URL.
              'Cache-Control': 'private, no-cache',
              Vary: [vary, 'Cookie'].filter(Boolean).join(', '),
            },
          });
        });
      });
      inner.on('timeout', () => inner.destroy(new Error(`the page render of ${url} timed out`)));
      inner.on('error', reject);
      inner.end();
    });
  }
}
