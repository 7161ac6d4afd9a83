import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { matchesIfNoneMatch, notModifiedSince, type Representation } from '@shepherd/governance';
import { SECURITY_HEADERS } from '../lib/security-headers';

// Sends a cached representation the way Next's answers go out: the security headers every answer
// carries (lib/security-headers.ts), 304 when the client's validator still matches, gzip when asked
// (compressed once per representation), no body for HEAD.

const GZIP_MIN_BYTES = 1024;
const gzipped = new WeakMap<Representation, Buffer>();

export function sendRepresentation(request: http.IncomingMessage, response: http.ServerResponse, entry: Representation, headers: Record<string, string>): void {
  const base = { ...SECURITY_HEADERS, ...headers };
  if (entry.status === 200) {
    const ifNoneMatch = header(request, 'if-none-match');
    const fresh = ifNoneMatch !== null ? matchesIfNoneMatch(ifNoneMatch, entry.etag) : notModifiedSince(header(request, 'if-modified-since'), entry.lastModified);
    if (fresh) {
      const { 'Content-Type': _type, ...rest } = base;
      response.writeHead(304, rest).end();
      return;
    }
  }
  const gzip = entry.body.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(header(request, 'accept-encoding') ?? '');
  let body: string | Buffer = entry.body;
  if (gzip) {
    body = gzipped.get(entry) ?? gzipSync(entry.body);
    gzipped.set(entry, body);
  }
  response.writeHead(entry.status, {
    ...base,
    Vary: !base.Vary ? 'Accept-Encoding' : /accept-encoding/i.test(base.Vary) ? base.Vary : `${base.Vary}, Accept-Encoding`,
    'Content-Length': String(Buffer.byteLength(body)),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

export function header(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}
