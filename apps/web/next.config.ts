import type { NextConfig } from 'next';

const config: NextConfig = {
  // PGlite loads its .wasm/.data files at run time, and the database drivers are Node-only.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg'],
  transpilePackages: ['@shepherd/governance'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
