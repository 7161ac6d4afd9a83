import http from 'node:http';
import { findUrlProblem } from '@shepherd/governance/validation/input-rules';
import { SECURITY_HEADERS } from './security-headers';

// What every request meets as it arrives, before Next (or the cached public answers) sees it; the
// portal's server (apps/web/server/main.ts) calls guardRequest first for each request:
// - its TCP peer is written into a header of our own, replacing any value a client sent, for the
//   proxy-trust rule (packages/governance/src/auth/proxy-trust.ts): Next gives route handlers no
//   socket, and fills X-Forwarded-For with the peer only when the client sent none;
// - a path that is not valid percent-encoded UTF-8 is answered 400 here: Next cannot decode it into
//   route parameters and would answer 500. (Other bad text is refused downstream, named by its
//   parameter: proxy.ts for pages, lib/http.ts and lib/authorize.ts for the API.)

export const PEER_HEADER = 'x-shepherd-peer-address';

/**
 * Stamps the peer (the socket's, or `peer` when the portal's front process vouched for it); answers
 * and returns true when the URL cannot be routed.
 */
export function guardRequest(request: http.IncomingMessage, response: http.ServerResponse, peer = request.socket.remoteAddress ?? ''): boolean {
  request.headers[PEER_HEADER] = peer;
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://localhost');
  } catch {
    url = new URL('http://localhost/%');
  }
  const problem = findUrlProblem(url);
  if (!problem || !problem.problem.includes('percent-encoded')) return false;
  const body = JSON.stringify({ error: { code: 'invalid_argument', message: `${problem.path}: ${problem.problem}` } });
  response.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' }).end(body);
  return true;
}
