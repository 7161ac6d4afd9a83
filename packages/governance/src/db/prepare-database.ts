import { seedProjects, type SeedResult } from '../seed/seed-projects';
import { seedKubernetesSchedule } from '../kubernetes/import-kubernetes-schedule';
import type { Database } from './open-database';
import type { MigrationResult } from './migrate';

/** What `npm start` does before serving: apply pending migrations, then seed bundled projects once. */
export async function prepareDatabase(database: Database): Promise<{ migrations: MigrationResult; seed: SeedResult }> {
  const migrations = await database.migrate();
  const seed = await seedProjects(database.prisma);
  await seedKubernetesSchedule(database.prisma);
  return { migrations, seed };
}
