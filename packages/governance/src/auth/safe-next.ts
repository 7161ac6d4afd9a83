// Where a browser may be sent after signing in: a path on this site, nothing else. The check is
// made on the URL the browser will actually follow: WHATWG URL parsing drops tabs and newlines and
// reads "\" as "/", so "/\t/evil.example" and "/\evil.example" are other hosts, not paths.

const BASE = 'http://shepherd.invalid';

export const DEFAULT_NEXT = '/admin';

/** A same-origin path (with query and fragment, percent-encoded), or DEFAULT_NEXT. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return DEFAULT_NEXT;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== BASE) return DEFAULT_NEXT;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The serialised URL is what goes into the Location header: it must read back as the same path.
  return path.startsWith('/') && !path.startsWith('//') && new URL(path, BASE).origin === BASE ? path : DEFAULT_NEXT;
}
