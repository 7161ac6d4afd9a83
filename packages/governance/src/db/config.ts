import path from 'node:path';

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string };

import fs from 'node:fs';

// The project root: the nearest directory holding prisma/migrations, from SHEPHERD_ROOT or the
// working directory upward (bundled server code has no reliable notion of its own file path).
function findProjectRoot(): string {
  const start = path.resolve(/*turbopackIgnore: true*/ process.env.SHEPHERD_ROOT ?? process.cwd());
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(/*turbopackIgnore: true*/ dir, 'prisma', 'migrations'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

export const PROJECT_ROOT = findProjectRoot();
export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ PROJECT_ROOT, 'prisma', 'migrations');

/** Which database this process uses: PostgreSQL when DATABASE_URL says so, else embedded PGlite. */
export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got "${redact(url)}")`);
    }
    return { kind: 'postgres', url };
  }
  const dataDir = env.SHEPHERD_DATA_DIR?.trim() || path.join(/*turbopackIgnore: true*/ PROJECT_ROOT, '.data');
  return { kind: 'pglite', dataDir: path.resolve(dataDir) };
}

/** A URL safe to print: the password is replaced. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export function describeTarget(target: DatabaseTarget): string {
  return target.kind === 'pglite' ? `embedded PGlite at ${target.dataDir}` : `PostgreSQL at ${redact(target.url)}`;
}
