import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from './migrate';
import { pgliteRunner } from './sql-runner';

describe('applyMigrations', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-migrations-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, sql: string) => {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  };

  it('applies the real migrations once, recorded as prisma migrate records them', async () => {
    const pglite = await PGlite.create();
    const runner = pgliteRunner(pglite);
    const first = await applyMigrations(runner);
    expect(first.applied).toEqual(readMigrations().map((migration) => migration.name));
    expect(await applyMigrations(runner)).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const recorded = await runner.query<{ checksum: string; applied_steps_count: number }>('SELECT checksum, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    expect(recorded.map((row) => row.checksum)).toEqual(readMigrations().map((migration) => migration.checksum));
    expect(recorded.every((row) => row.applied_steps_count === 1)).toBe(true);
    await pglite.close();
  });

  it('rolls back a failing migration completely and records nothing for it', async () => {
    write('001_good', 'CREATE TABLE good (id int);');
    write('002_bad', 'CREATE TABLE half (id int);\nINSERT INTO missing_table VALUES (1);');
    const pglite = await PGlite.create();
    const runner = pgliteRunner(pglite);
    await expect(applyMigrations(runner, readMigrations(dir))).rejects.toThrow(/Migration 002_bad failed: .*missing_table/);
    const tables = await runner.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE tablename IN ('good', 'half')");
    expect(tables.map((row) => row.tablename)).toEqual(['good']);
    const names = await runner.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(names.map((row) => row.migration_name)).toEqual(['001_good']);

    fs.writeFileSync(path.join(dir, '001_good', 'migration.sql'), 'CREATE TABLE good (id bigint);');
    await expect(applyMigrations(runner, readMigrations(dir))).rejects.toThrow('Migration 001_good was modified after it was applied');
    await pglite.close();
  });
});
