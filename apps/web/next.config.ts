import type { NextConfig } from 'next';
// Through the package name: next.config.ts is compiled alone, and its relative imports would resolve
// from the working directory.
import { SECURITY_HEADERS } from '@shepherd/web/lib/security-headers';

// Server actions: proxy.ts refuses any whose Origin is not the portal's (SHEPHERD_PUBLIC_URL when set);
// Next's own check compares the Origin with the Host, so the configured origin is allowed there too.
const publicHost = process.env.SHEPHERD_PUBLIC_URL ? new URL(process.env.SHEPHERD_PUBLIC_URL).host : null;

const config: NextConfig = {
  // PGlite loads its .wasm/.data files at run time, and the database drivers are Node-only. The logger
  // and the metrics are shared with the portal's server through one module instance each.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg', 'pino', 'pino-pretty', 'prom-client'],
  transpilePackages: ['@shepherd/governance'],
  poweredByHeader: false,
  typedRoutes: false,
  // Types are checked by `npm run typecheck` (CI runs it before the tests); repeating it in every
  // build cost ~16 s of each first start and of every test run's portal build.
  typescript: { ignoreBuildErrors: true },
  experimental: { serverActions: { ...(publicHost ? { allowedOrigins: [publicHost] } : {}) } },
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default config;
