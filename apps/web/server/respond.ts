import type http from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';
import { matchesIfNoneMatch, notModifiedSince, type Representation } from '@shepherd/governance';
import { SECURITY_HEADERS } from '../lib/security-headers';

// Sends a cached representation the way Next's answers go out: the security headers every answer
// carries (lib/security-headers.ts), 304 when the client's validator still matches, compressed when
// the client accepts it (brotli, else gzip; compressed once per representation), no body for HEAD.
// Headers are merged and bodies encoded once per representation: a request costs a lookup and a write.

const COMPRESS_MIN_BYTES = 1024;
type Coding = 'br' | 'gzip' | 'identity';
/** Our order of preference when the client likes several equally (brotli's output is the smallest). */
const OFFERED: Coding[] = ['br', 'gzip', 'identity'];

const compressors: Record<Exclude<Coding, 'identity'>, (body: string) => Buffer> = {
  // Quality 6: as fast as gzip's default here, and 35–40 % smaller on the portal's pages and answers
  // (11, the default, takes a hundred times longer for another 10 %, on the request that fills the cache).
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) } }),
  gzip: (body) => gzipSync(body),
};
const bodies: Record<Coding, WeakMap<Representation, Buffer>> = { br: new WeakMap(), gzip: new WeakMap(), identity: new WeakMap() };

/** negotiator 1.x's encoding(), whose `preferred` option @types/negotiator (0.6) does not know yet. */
type NegotiatorV1 = { encoding(available: string[], options: { preferred: string[] }): string | undefined };

/** The coding for an Accept-Encoding value (negotiator, as Express does: q-values, `*`, `identity;q=0`), remembered per value. */
const codings = new Map<string, Coding>();
function codingFor(acceptEncoding: string | null): Coding {
  if (!acceptEncoding) return 'identity';
  let coding = codings.get(acceptEncoding);
  if (coding === undefined) {
    // Nothing acceptable (identity refused too): the body goes out as it is rather than a 406.
    const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as NegotiatorV1;
    coding = (negotiator.encoding(OFFERED, { preferred: OFFERED }) as Coding | undefined) ?? 'identity';
    // Bounded: clients send a handful of distinct values.
    if (codings.size >= 1_000) codings.clear();
    codings.set(acceptEncoding, coding);
  }
  return coding;
}

interface Prepared {
  notModified: Record<string, string>;
  byCoding: Partial<Record<Coding, Record<string, string>>>;
  base: Record<string, string>;
}
/** The answer's headers, merged once per headers object (the callers keep one per representation). */
const prepared = new WeakMap<Record<string, string>, Prepared>();

function prepare(headers: Record<string, string>): Prepared {
  let ready = prepared.get(headers);
  if (!ready) {
    const merged = { ...SECURITY_HEADERS, ...headers };
    const { 'Content-Type': _type, ...notModified } = merged;
    const vary = !merged.Vary ? 'Accept-Encoding' : /accept-encoding/i.test(merged.Vary) ? merged.Vary : `${merged.Vary}, Accept-Encoding`;
    ready = { notModified, byCoding: {}, base: { ...merged, Vary: vary } };
    prepared.set(headers, ready);
  }
  return ready;
}

function encoded(entry: Representation, coding: Coding): Buffer {
  let body = bodies[coding].get(entry);
  if (!body) {
    body = coding === 'identity' ? Buffer.from(entry.body) : compressors[coding](entry.body);
    bodies[coding].set(entry, body);
  }
  return body;
}

/** Sends it and returns the status sent. */
export function sendRepresentation(request: http.IncomingMessage, response: http.ServerResponse, entry: Representation, headers: Record<string, string>): number {
  const ready = prepare(headers);
  if (entry.status === 200) {
    const ifNoneMatch = header(request, 'if-none-match');
    const fresh = ifNoneMatch !== null ? matchesIfNoneMatch(ifNoneMatch, entry.etag) : notModifiedSince(header(request, 'if-modified-since'), entry.lastModified);
    if (fresh) {
      response.writeHead(304, ready.notModified).end();
      return 304;
    }
  }
  const coding = entry.body.length >= COMPRESS_MIN_BYTES ? codingFor(header(request, 'accept-encoding')) : 'identity';
  const body = encoded(entry, coding);
  let sent = ready.byCoding[coding];
  if (!sent) {
    sent = { ...ready.base, 'Content-Length': String(body.length), ...(coding === 'identity' ? {} : { 'Content-Encoding': coding }) };
    ready.byCoding[coding] = sent;
  }
  response.writeHead(entry.status, sent);
  response.end(request.method === 'HEAD' ? undefined : body);
  return entry.status;
}

export function header(request: http.IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}
