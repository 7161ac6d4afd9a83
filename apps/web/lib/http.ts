import {
  describeError,
  findUrlProblem,
  GovernanceError,
  invalidArgument,
  errorRepresentation,
  matchesIfNoneMatch,
  notModifiedSince,
  type PublicContext,
  type Representation,
  cycleName,
} from '@shepherd/governance';
import { clientAddress as clientAddressOf, requestOrigin } from '@shepherd/governance/auth/proxy-trust';
import { z } from 'zod';
import { prisma } from './database';
import { publicCache, rememberPublicUrl } from './public-cache';
import { PEER_HEADER } from './request-guard';
import { today } from './today';

// Shared handling of public GETs (API, calendar, feeds, badges, timeline): answers come from the
// in-process public cache (computed once per data version and UTC day), with strong ETags and
// If-None-Match → 304, Last-Modified, Cache-Control and CORS for any origin.

const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified',
};

/** Absolute links use SHEPHERD_PUBLIC_URL when set, else the host the client asked for. */
export const publicOrigin = (request: Request) => originFromHeaders(request.headers);

type HeaderSource = { get(name: string): string | null };
const withPeer = (headers: HeaderSource) => ({ peer: headers.get(PEER_HEADER), headers });

/**
 * The portal's origin: SHEPHERD_PUBLIC_URL, else the Host header, or X-Forwarded-Host/Proto when
 * the request came through a proxy listed in SHEPHERD_TRUSTED_PROXIES (never from anyone else).
 */
export const originFromHeaders = (headers: HeaderSource): string => requestOrigin(withPeer(headers));

/** The client's address for rate limits: the peer, or behind trusted proxies the right-most untrusted X-Forwarded-For hop. */
export const clientAddress = (headers: HeaderSource): string => clientAddressOf(withPeer(headers));

const headerCache = new WeakMap<Representation, Record<string, string>>();

export function headersOf(entry: Representation): Record<string, string> {
  let headers = headerCache.get(entry);
  if (!headers) {
    headers = {
      ...CORS,
      'Content-Type': entry.contentType,
      'X-Content-Type-Options': 'nosniff',
      ETag: entry.etag,
      'Cache-Control': `public, max-age=${entry.maxAge}`,
      ...(entry.lastModified ? { 'Last-Modified': entry.lastModified.toUTCString() } : {}),
    };
    headerCache.set(entry, headers);
  }
  return headers;
}

/** Sends a representation, or 304 when the client's validator still matches. */
export function respond(request: Request, entry: Representation): Response {
  const headers = headersOf(entry);
  if (entry.status === 200) {
    const ifNoneMatch = request.headers.get('if-none-match');
    const fresh = ifNoneMatch !== null ? matchesIfNoneMatch(ifNoneMatch, entry.etag) : notModifiedSince(request.headers.get('if-modified-since'), entry.lastModified);
    if (fresh) {
      const { 'Content-Type': _type, ...rest } = headers;
      return new Response(null, { status: 304, headers: rest });
    }
  }
  return new Response(request.method === 'HEAD' ? null : entry.body, { status: entry.status, headers });
}

type Render = (context: PublicContext) => Promise<Representation>;

/**
 * Serves `render` through the public cache under `key` (everything the answer depends on besides
 * the data, the day and the origin; by default the request's path and query).
 */
export function servePublic(request: Request, render: Render): Promise<Response>;
export function servePublic(request: Request, key: string, render: Render): Promise<Response>;
export async function servePublic(request: Request, keyOrRender: string | Render, maybeRender?: Render): Promise<Response> {
  const day = today();
  const origin = publicOrigin(request);
  const url = new URL(request.url);
  const path = `${url.pathname}${url.search}`;
  // Unstorable text in the path or query would reach the database as a 500: a 400 that names it.
  const problem = findUrlProblem(url);
  if (problem) return publicError(request, invalidArgument(`${problem.path}: ${problem.problem}`, { field: problem.path }));
  const render = typeof keyOrRender === 'string' ? maybeRender! : keyOrRender;
  const key = `${origin} ${typeof keyOrRender === 'string' ? keyOrRender : path}`;
  const entry = await publicCache().get(key, day, async () => render({ prisma: await prisma(), today: day, origin }));
  // The server answers later requests for this exact URL from the cache, before Next (apps/web/server/).
  rememberPublicUrl(`${origin} ${path}`, key);
  return respond(request, entry);
}

/** A refusal with CORS and caching headers, for public requests that never reach a resource (bad paths). */
export function publicError(request: Request, error: GovernanceError): Response {
  const { status, code, message, details } = describeError(error)!;
  return respond(request, errorRepresentation(status, code, message, details));
}

/** CORS preflight answer for the public GET endpoints. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS, 'Access-Control-Max-Age': '86400' } });
}

/** Project slugs and cycle names as they appear in public URLs; anything else is unknown. */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/);
export const CycleName = cycleName();

/** "containerd,nerdctl" → sorted distinct slugs; null when one of them is malformed. */
export function parseProjectList(value: string | null): string[] | null {
  if (!value) return [];
  const slugs = [...new Set(value.split(',').map((slug) => slug.trim()).filter(Boolean))].sort();
  return slugs.every((slug) => Slug.safeParse(slug).success) ? slugs : null;
}
