import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { representation, type Representation } from '@shepherd/governance/eol/representation';
import { headersOf, originFromHeaders } from '../lib/http';
import { publicCache, publicUrlKey } from '../lib/public-cache';
import { PEER_HEADER } from '../lib/request-guard';
import { SESSION_COOKIE } from '../lib/session-cookie';
import { today } from '../lib/today';
import { header, sendRepresentation } from './respond';
import type { RouteNames } from './routes';

// What the server answers before Next, from the public cache (computed once per data version and UTC
// day, lib/public-cache.ts):
// - public API, feed, calendar and badge answers that a Next route handler already computed through
//   servePublic (lib/http.ts), for the exact same URL: the same bytes and headers, from memory;
// - anonymous GETs of the public pages (CACHED_PAGES): the page's HTML is rendered once by Next, through
//   a request the server sends to itself (no cookies, marked with a secret only this process knows),
//   and kept with a strong ETag. Signed-in requests, client-side navigations (RSC requests) and every
//   other page go to Next.
// Misses and everything else go to Next unchanged. SHEPHERD_PUBLIC_FAST_PATH=off turns both off.

/** The pages whose anonymous HTML is cached (route patterns of the build's manifest). */
export const CACHED_PAGES = new Set([
  '/',
  '/projects/[project]/eol',
  '/projects/[project]/releases',
  '/projects/[project]/releases/[cycle]',
  '/projects/[project]/plan',
  '/projects/[project]/keps',
  '/projects/[project]/keps/[...kep]',
  '/projects/[project]/keps/queue',
  '/projects/[project]/keps/liaison',
]);

const RENDER_HEADER = 'x-shepherd-render';
/** Request headers that make a page request something other than a plain document GET. */
const NEXT_NAVIGATION_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-action', 'next-url'];
/** What the page answer keeps of Next's headers (the rest is either ours or per request). */
const KEPT_PAGE_HEADERS = ['content-type', 'link', 'vary'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

interface PageAnswer {
  representation: Representation;
  headers: Record<string, string>;
}

/** A page Next answered with something other than 200: sent as it came, never kept. */
class UncachedPage extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: Buffer,
  ) {
    super(`the page answered ${status}`);
  }
}

const headerSource = (request: http.IncomingMessage) => ({ get: (name: string) => header(request, name) });

export type Served = 'cache' | null;

export class PublicAnswers {
  private readonly secret = randomBytes(24).toString('base64url');
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  constructor(
    private readonly options: {
      routes: RouteNames;
      /** Where this server listens, for the page renders it asks Next for. */
      address: () => { host: string; port: number };
      onRenderError?: (error: Error, url: string) => void;
    },
  ) {}

  /** A page render this server asked for: trusted to carry the original client's peer address. */
  isRender(request: http.IncomingMessage): boolean {
    const value = request.headers[RENDER_HEADER];
    if (value === undefined) return false;
    delete request.headers[RENDER_HEADER];
    return value === this.secret;
  }

  /**
   * Answers the request from the cache when it can ('cache'), else null for Next to answer.
   * `answering` is called just before the answer is sent (a logger may see it end right away).
   */
  async serve(request: http.IncomingMessage, response: http.ServerResponse, answering: () => void = () => undefined): Promise<Served> {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url) return null;
    const url = request.url;
    const origin = originFromHeaders(headerSource(request));
    const cache = publicCache();
    const day = today();
    const key = publicUrlKey(`${origin} ${url}`);
    if (key !== undefined) {
      const entry = cache.peek<Representation>(key, day);
      if (entry) {
        answering();
        sendRepresentation(request, response, entry, headersOf(entry));
        return 'cache';
      }
    }
    const question = url.indexOf('?');
    const pathname = question < 0 ? url : url.slice(0, question);
    if (!CACHED_PAGES.has(this.options.routes.of(pathname)) || !isAnonymousDocument(request, url)) return null;
    try {
      const answer = await cache.get<PageAnswer>(`page ${origin} ${url}`, day, () => this.render(request, url));
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

  /** Asks Next (through this server) for the anonymous page, as a browser without cookies would. */
  private render(request: http.IncomingMessage, url: string): Promise<PageAnswer> {
    const { host, port } = this.options.address();
    const headers: Record<string, string> = {
      host: header(request, 'host') ?? `${host}:${port}`,
      accept: 'text/html',
      'user-agent': 'shepherd-page-cache',
      [RENDER_HEADER]: this.secret,
      [PEER_HEADER]: header(request, PEER_HEADER) ?? '',
    };
    // The page may build absolute links from the origin (lib/http.ts originFromHeaders), which
    // believes these only from trusted proxies: the peer above decides that, as for the original.
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto']) {
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
          if (answer.statusCode !== 200) {
            const kept: Record<string, string> = {};
            for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = Array.isArray(value) ? value.join(', ') : value;
            reject(new UncachedPage(answer.statusCode ?? 502, kept, body));
            return;
          }
          const kept: Record<string, string> = {};
          for (const name of KEPT_PAGE_HEADERS) {
            const value = answer.headers[name];
            if (value !== undefined) kept[name === 'content-type' ? 'Content-Type' : name === 'vary' ? 'Vary' : name] = Array.isArray(value) ? value.join(', ') : value;
          }
          const entry = representation(body.toString('utf8'), kept['Content-Type'] ?? 'text/html; charset=utf-8', null, { maxAge: 0 });
          resolve({
            representation: entry,
            headers: {
              ...kept,
              ETag: entry.etag,
              // Browsers keep it and ask again with If-None-Match (304); shared caches never keep it,
              // since a signed-in person gets another page at the same URL.
              'Cache-Control': 'private, no-cache',
              Vary: [kept.Vary, 'Cookie'].filter(Boolean).join(', '),
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

/** A plain document GET without a session or token: what a person's first visit, a crawler or a link preview sends. */
function isAnonymousDocument(request: http.IncomingMessage, url: string): boolean {
  if (request.headers.authorization !== undefined) return false;
  if (new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`).test(header(request, 'cookie') ?? '')) return false;
  if (NEXT_NAVIGATION_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  return !/[?&]_rsc=/.test(url);
}
