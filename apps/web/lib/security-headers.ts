// The security headers of every answer (docs/auth.md), in one place so Next's config and any server
// that answers before Next (the public fast path, a custom server) send the same ones.
// Next's hydration uses inline scripts, hence 'unsafe-inline' for scripts (a nonce would need a
// proxy and no static output); the dev server also evaluates code. Framing is refused outright.

const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': csp,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  // Browsers ignore it over plain http, so it is safe to send always.
  'Strict-Transport-Security': 'max-age=31536000',
};
