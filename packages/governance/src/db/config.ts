import path from 'node:path';

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string };

// The project root, found from this file so commands work from any working directory.
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../../..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');

/** Which database this process uses: PostgreSQL when DATABASE_URL says so, else embedded PGlite. */
export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got "${redact(url)}")`);
    }
    return { kind: 'postgres', url };
  }
  const dataDir = env.SHEPHERD_DATA_DIR?.trim() || path.join(PROJECT_ROOT, '.data');
  return { kind: 'pglite', dataDir: path.resolve(dataDir) };
}

/** A URL safe to print: the password is replaced. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export function describeTarget(target: DatabaseTarget): string {
  return target.kind === 'pglite' ? `embedded PGlite at ${target.dataDir}` : `PostgreSQL at ${redact(target.url)}`;
}
