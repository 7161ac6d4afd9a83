import { dayOf, type PrismaClient } from '../db';
import { parseReleasePolicy, type ReleasePolicy } from '../cadence/policy-rules';

/** A project's release policies, by version. */
export async function loadPolicies(prisma: PrismaClient, projectId: number): Promise<ReleasePolicy[]> {
  const rows = await prisma.releasePolicy.findMany({ where: { projectId }, orderBy: { version: 'asc' } });
  return rows.map((row) => parseReleasePolicy({ version: row.version, name: row.name, effectiveFrom: dayOf(row.effectiveFrom), firstCycle: row.firstCycle, rules: row.rules }));
}
