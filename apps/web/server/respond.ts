import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { matchesIfNoneMatch, notModifiedSince, type Representation } from '@shepherd/governance';
import { SECURITY_HEADERS } from '../lib/security-headers';

// Sends a cached representation the way Next's answers go out: the security headers every answer
// carries (lib/security-headers.ts), 304 when the client's validator still matches, gzip when asked
// (compressed once per representation), no body for HEAD. Headers are merged and bodies encoded once
// per representation: a request costs a lookup and a write.

const GZIP_MIN_BYTES = 1024;
const gzipped = new WeakMap<Representation, Buffer>();
const encoded = new WeakMap<Representation, Buffer>();

interface Prepared {
  notModified: Record<string, string>;
  plain: Record<string, string>;
  gzip: Record<string, string>;
}
/** The answer's headers, merged once per headers object (the callers keep one per representation). */
const prepared = new WeakMap<Record<string, string>, Prepared>();

function prepare(entry: Representation, headers: Record<string, string>): Prepared {
  let ready = prepared.get(headers);
  if (!ready) {
    const base = { ...SECURITY_HEADERS, ...headers };
    const { 'Content-Type': _type, ...notModified } = base;
    const vary = !base.Vary ? 'Accept-Encoding' : /accept-encoding/i.test(base.Vary) ? base.Vary : `${base.Vary}, Accept-Encoding`;
    const plain = { ...base, Vary: vary, 'Content-Length': String(Buffer.byteLength(entry.body)) };
    ready = { notModified, plain, gzip: plain };
    prepared.set(headers, ready);
  }
  return ready;
}

/** Sends it and returns the status sent. */
export function sendRepresentation(request: http.IncomingMessage, response: http.ServerResponse, entry: Representation, headers: Record<string, string>): number {
  const ready = prepare(entry, headers);
  if (entry.status === 200) {
    const ifNoneMatch = header(request, 'if-none-match');
    const fresh = ifNoneMatch !== null ? matchesIfNoneMatch(ifNoneMatch, entry.etag) : notModifiedSince(header(request, 'if-modified-since'), entry.lastModified);
    if (fresh) {
      response.writeHead(304, ready.notModified).end();
      return 304;
    }
  }
  const gzip = entry.body.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(header(request, 'accept-encoding') ?? '');
  if (!gzip) {
    let bytes = encoded.get(entry);
    if (!bytes) {
      bytes = Buffer.from(entry.body);
      encoded.set(entry, bytes);
    }
    response.writeHead(entry.status, ready.plain);
    response.end(request.method === 'HEAD' ? undefined : bytes);
    return entry.status;
  }
  let body = gzipped.get(entry);
  if (!body) {
    body = gzipSync(entry.body);
    gzipped.set(entry, body);
  }
  if (ready.gzip === ready.plain) ready.gzip = { ...ready.plain, 'Content-Length': String(body.length), 'Content-Encoding': 'gzip' };
  response.writeHead(entry.status, ready.gzip);
  response.end(request.method === 'HEAD' ? undefined : body);
  return entry.status;
}

export function header(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}
