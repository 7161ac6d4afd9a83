import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeTarget, openDatabase, prepareDatabase, todayUtc } from '@shepherd/governance';
import { seedScaleProject } from '@shepherd/governance/seed/seed-scale';
import { runCli } from './cli';

// `npm run db -- <command>`: the database chores, each on the configured database under its lock.
const USAGE = `usage: npm run db -- <command>
  migrate              apply pending migrations and seed bundled projects (npm start does this too)
  status               list applied migrations
  new-migration <name> write prisma/migrations/<timestamp>_<name>/migration.sql from the schema change
  check                fail when prisma/schema and prisma/migrations disagree
  seed-scale           add the "scale" project: 200 release cycles, 3,000 tags, 2,000 tracked KEPs,
                       50,000 mirrored issues and pull requests, 5,000 job runs, 10,000 audit events
                       (generated, for npm run bench -- pages)`;

const root = path.resolve(import.meta.dirname, '..');

/** Runs the Prisma CLI against a throwaway embedded database: diffs only need its shadow. */
function prismaDiff(extra: string[]): { status: number; stdout: string } {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-diff-'));
  try {
    const result = spawnSync(
      path.join(root, 'node_modules', '.bin', 'prisma'),
      ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema', '--script', ...extra],
      { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: path.join(scratch, 'db') } },
    );
    if (result.status !== 0 && result.status !== 2) throw new Error(`prisma migrate diff failed:\n${result.stderr}`);
    return { status: result.status ?? 1, stdout: result.stdout };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await runCli(async () => {
  const [command, name] = process.argv.slice(2);
  if (command === 'migrate') {
    const database = await openDatabase();
    try {
      const { migrations, seed } = await prepareDatabase(database);
      console.log(`${describeTarget(database.target)}: applied ${migrations.applied.length} migration(s)${migrations.applied.map((m) => `\n  ${m}`).join('')}; seeded: ${seed.seeded.join(', ') || 'nothing new'}`);
    } finally {
      await database.close();
    }
  } else if (command === 'status') {
    const database = await openDatabase();
    try {
      const rows = await database.prisma.$queryRawUnsafe<{ migration_name: string; finished_at: Date }[]>(
        'SELECT migration_name, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY migration_name',
      ).catch(() => []);
      console.log(`${describeTarget(database.target)}: ${rows.length} migration(s) applied`);
      for (const row of rows) console.log(`  ${row.migration_name}  ${row.finished_at?.toISOString() ?? 'FAILED'}`);
    } finally {
      await database.close();
    }
  } else if (command === 'new-migration') {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('new-migration needs a name of lowercase letters, digits and _');
    const { stdout } = prismaDiff([]);
    if (stdout.includes('This is an empty migration')) {
      console.log('The schema matches the migrations: nothing to write.');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), stdout);
    console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
  } else if (command === 'seed-scale') {
    const database = await openDatabase();
    try {
      await prepareDatabase(database);
      const started = performance.now();
      const report = await seedScaleProject(database.prisma, { today: process.env.SHEPHERD_TODAY?.trim() || todayUtc(), progress: (line) => console.log(`  ${line}`) });
      if (!report.created) console.log(`${describeTarget(database.target)}: the "${report.project}" project exists already; nothing written.`);
      else console.log(`${describeTarget(database.target)}: wrote the "${report.project}" project in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(report.counts).map(([what, count]) => `${count} ${what}`).join(', ')}`);
    } finally {
      await database.close();
    }
  } else if (command === 'check') {
    const { status } = prismaDiff(['--exit-code']);
    if (status === 2) throw new Error('prisma/schema has changes that no migration creates: run `npm run db -- new-migration <name>`');
    console.log('prisma/schema and prisma/migrations agree.');
  } else {
    console.log(USAGE);
    if (command) process.exitCode = 2;
  }
});
