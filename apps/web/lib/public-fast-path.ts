import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { matchesIfNoneMatch, notModifiedSince, type Representation } from '@shepherd/governance';
import { stampPeerAddress } from './request-guard';

// The fast path for public GETs. A Next.js route handler costs about 2–3 ms of framework work per
// request even when its answer is a Map lookup, several times what Next spends on a static file, so
// a cached representation is answered from the Node HTTP server's 'request' event before Next
// routes the request. Only URLs that servePublic already answered, with the representation still
// in the cache, are served here (same bytes, headers and 304 rules); everything else, and every
// miss, goes to Next unchanged.
// It skips Next's proxy (middleware), which is acceptable for these public, read-only URLs.
// SHEPHERD_PUBLIC_FAST_PATH=off turns it off.

const GZIP_MIN_BYTES = 1024;

export interface HeaderSource {
  get(name: string): string | null;
}

type Peek = (pathWithQuery: string, headers: HeaderSource) => Representation | undefined;
type HeadersOf = (entry: Representation) => Record<string, string>;

const state = globalThis as typeof globalThis & { shepherdPublicFastPath?: boolean };
const gzipped = new WeakMap<Representation, Buffer>();

function serveFromCache(request: http.IncomingMessage, response: http.ServerResponse, peek: Peek, headersOf: HeadersOf): boolean {
  // This hook runs before the one that stamps every request: the origin of the cache key needs the peer.
  stampPeerAddress(request);
  const headers: HeaderSource = {
    get: (name) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    },
  };
  const entry = peek(request.url!, headers);
  if (!entry) return false;
  const base = headersOf(entry);
  if (entry.status === 200) {
    const ifNoneMatch = headers.get('if-none-match');
    const fresh = ifNoneMatch !== null ? matchesIfNoneMatch(ifNoneMatch, entry.etag) : notModifiedSince(headers.get('if-modified-since'), entry.lastModified);
    if (fresh) {
      const { 'Content-Type': _type, ...rest } = base;
      response.writeHead(304, rest).end();
      return true;
    }
  }
  const gzip = entry.body.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(headers.get('accept-encoding') ?? '');
  let body: string | Buffer = entry.body;
  if (gzip) {
    body = gzipped.get(entry) ?? gzipSync(entry.body);
    gzipped.set(entry, body);
  }
  response.writeHead(entry.status, {
    ...base,
    Vary: 'Accept-Encoding',
    'Content-Length': String(Buffer.byteLength(body)),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}

/** Installs the fast path once per process (the first public answer computed calls it). */
export function installPublicFastPath(peek: Peek, headersOf: HeadersOf): void {
  if (state.shepherdPublicFastPath || process.env.SHEPHERD_PUBLIC_FAST_PATH === 'off') return;
  state.shepherdPublicFastPath = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if ((request.method === 'GET' || request.method === 'HEAD') && request.url && serveFromCache(request, response, peek, headersOf)) {
        return true;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
