import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { pgliteDatabase, postgresDatabase, type Database } from '../db/open-database';

// Each test file gets its own database, cloned from templates built once per run by
// global-setup.ts: a PGlite data-dir dump (about 1 s to load instead of 2 s of initdb), or a
// PostgreSQL `CREATE DATABASE … TEMPLATE` when TEST_DATABASE_URL is set.

export type TemplateName = 'migrated' | 'seeded';

declare module 'vitest' {
  export interface ProvidedContext {
    shepherdTemplates: { kind: 'pglite'; files: Record<TemplateName, string> } | { kind: 'postgres'; url: string; databases: Record<TemplateName, string> };
  }
}

let counter = 0;

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function openTestDatabase(template: TemplateName = 'seeded'): Promise<Database> {
  const templates = inject('shepherdTemplates');
  if (templates.kind === 'pglite') {
    const dump = new Blob([fs.readFileSync(templates.files[template])]);
    const pglite = await PGlite.create({ loadDataDir: dump });
    return pgliteDatabase(pglite, { kind: 'pglite', dataDir: 'memory://' }, () => undefined);
  }
  const name = `shepherd_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: templates.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templates.databases[template]}"`);
  await admin.end();
  const database = postgresDatabase(databaseUrl(templates.url, name), { max: 4 });
  const close = database.close;
  return {
    ...database,
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: templates.url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export const testBackend = () => inject('shepherdTemplates').kind;
