import { createHash } from 'node:crypto';

// A public GET response computed once and served many times: the bytes, a strong ETag over them,
// and Last-Modified. Errors are representations too, so unknown names are also answered from
// memory.

export interface Representation {
  status: number;
  body: string;
  contentType: string;
  /** Strong validator: a hash of the exact bytes, quoted. */
  etag: string;
  lastModified: Date | null;
  /** Seconds a client or CDN may reuse it without asking again. */
  maxAge: number;
}

export const DEFAULT_MAX_AGE = 300;

export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export function representation(body: string, contentType: string, lastModified: Date | null, options: { status?: number; maxAge?: number } = {}): Representation {
  // HTTP dates have whole seconds; a sub-second Last-Modified would never compare equal.
  const seconds = lastModified ? new Date(Math.floor(lastModified.getTime() / 1000) * 1000) : null;
  return { status: options.status ?? 200, body, contentType, etag: strongEtag(body), lastModified: seconds, maxAge: options.maxAge ?? DEFAULT_MAX_AGE };
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonRepresentation(value: unknown, lastModified: Date | null, options: { status?: number; maxAge?: number } = {}): Representation {
  return representation(JSON.stringify(value), JSON_TYPE, lastModified, options);
}

/** The JSON error body every public endpoint uses (endoflife.date answers unknown names with HTML). */
export function errorRepresentation(status: number, code: string, message: string, details?: Record<string, unknown>): Representation {
  return jsonRepresentation({ error: { code, message, ...(details ? { details } : {}) } }, null, { status, maxAge: 60 });
}

/**
 * RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so W/"x" matches "x"; "*" matches any
 * current representation.
 */
export function matchesIfNoneMatch(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

/** If-Modified-Since only counts when If-None-Match is absent (RFC 9110 §13.1.3). */
export function notModifiedSince(header: string | null | undefined, lastModified: Date | null): boolean {
  if (!header || !lastModified) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}
