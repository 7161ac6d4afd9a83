import type { NextConfig } from 'next';

// Security headers on every page and route (docs/auth.md). Next's hydration uses inline scripts,
// hence 'unsafe-inline' for scripts (a nonce would need a proxy and no static output); the
// dev server also evaluates code. Framing is refused outright.
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

const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  // Browsers ignore it over plain http, so it is safe to send always.
  { key: 'Strict-Transport-Security', value: 'max-age=31536000' },
];

const config: NextConfig = {
  // PGlite loads its .wasm/.data files at run time, and the database drivers are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg'],
  transpilePackages: ['@shepherd/governance'],
  poweredByHeader: false,
  typedRoutes: false,
  // Types are checked by `npm run typecheck` (CI runs it before the tests); repeating it in every
  // build cost ~16 s of each first start and of every test run's portal build.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default config;
