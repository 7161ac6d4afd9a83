import type http from 'node:http';
import { originFromHeaders } from '../lib/http';
import { PEER_HEADER } from '../lib/request-guard';
import { SESSION_COOKIE } from '../lib/session-cookie';
import { header } from './respond';

// How a request is named in the answers kept in memory, the same in the portal's Next process
// (public-answers.ts) and in the front process (front.ts), which keeps copies of them.

/** The request headers Next varies a page on (its Vary header), part of the key. */
export const NEXT_VARY_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url'];

const sessionCookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`);

/** The session cookie's raw value, if the request carries one. */
export const sessionCookieOf = (request: http.IncomingMessage): string | undefined => {
  const cookie = request.headers.cookie;
  return cookie === undefined ? undefined : sessionCookie.exec(cookie)?.[1];
};

/** Neither an API token nor a session: what anybody would be answered. */
export const isAnonymous = (request: http.IncomingMessage): boolean => request.headers.authorization === undefined && sessionCookieOf(request) === undefined;

export const pathOf = (url: string) => {
  const question = url.indexOf('?');
  return question < 0 ? url : url.slice(0, question);
};

/**
 * The origin answers were computed for (lib/http.ts originFromHeaders), remembered per combination
 * of the headers it reads and the peer, which decides whether forwarded ones count.
 */
export class Origins {
  private readonly seen = new Map<string, string>();

  of(request: http.IncomingMessage, peer: string): string {
    const { host = '', 'x-forwarded-host': forwardedHost = '', 'x-forwarded-proto': forwardedProto = '' } = request.headers;
    const key = `${peer}\n${host}\n${forwardedHost}\n${forwardedProto}`;
    let origin = this.seen.get(key);
    if (origin === undefined) {
      origin = originFromHeaders({ get: (name) => (name === PEER_HEADER ? peer : header(request, name)) });
      // Bounded: each client address adds one.
      if (this.seen.size >= 10_000) this.seen.clear();
      this.seen.set(key, origin);
    }
    return origin;
  }
}

/** A page's key: who asks, the origin, the URL and the headers Next varies on. */
export function pageKey(request: http.IncomingMessage, who: string, origin: string, url: string): string {
  let variant = '';
  for (const name of NEXT_VARY_HEADERS) variant += `\n${header(request, name) ?? ''}`;
  return `page ${who} ${origin} ${url}${variant}`;
}
