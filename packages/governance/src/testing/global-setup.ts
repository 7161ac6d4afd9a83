import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { pgliteDatabase, postgresDatabase } from '../db/open-database';
import { seedProjects } from '../seed/seed-projects';
import { databaseUrl } from './test-database';

// Seeding uses a fixed clock so every run's templates hold the same data.
const SEED_NOW = new Date('2026-11-28T12:00:00Z');

async function buildPGliteTemplates(dir: string) {
  const pglite = await PGlite.create();
  const database = pgliteDatabase(pglite, { kind: 'pglite', dataDir: 'memory://' }, () => undefined);
  await database.migrate();
  const migrated = path.join(dir, 'migrated.tar.gz');
  fs.writeFileSync(migrated, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
  await seedProjects(database.prisma, { now: SEED_NOW });
  const seeded = path.join(dir, 'seeded.tar.gz');
  fs.writeFileSync(seeded, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
  await database.close();
  return { migrated, seeded };
}

async function buildPostgresTemplates(url: string) {
  const suffix = `${process.pid}_${Date.now()}`;
  const databases = { migrated: `shepherd_tmpl_migrated_${suffix}`, seeded: `shepherd_tmpl_seeded_${suffix}` };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databases.migrated}"`);
  const migrated = postgresDatabase(databaseUrl(url, databases.migrated));
  await migrated.migrate();
  await migrated.close();
  await admin.query(`CREATE DATABASE "${databases.seeded}" TEMPLATE "${databases.migrated}"`);
  const seeded = postgresDatabase(databaseUrl(url, databases.seeded));
  await seedProjects(seeded.prisma, { now: SEED_NOW });
  await seeded.close();
  await admin.end();
  return databases;
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const databases = await buildPostgresTemplates(url);
    project.provide('shepherdTemplates', { kind: 'postgres', url, databases });
    return async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      for (const name of Object.values(databases)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-test-templates-'));
  project.provide('shepherdTemplates', { kind: 'pglite', files: await buildPGliteTemplates(dir) });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
