import type { PrismaClient } from '../db';
import type { Role } from '../db/generated/enums';
import type { UserActor } from '../auth/actor';

/** A signed-in person holding `role` on a project (and, for cycle roles, one cycle), for domain tests. */
export async function personWithRole(prisma: PrismaClient, login: string, role: Role, on: { project: string; cycle?: string }): Promise<UserActor> {
  const project = await prisma.project.findUniqueOrThrow({ where: { slug: on.project } });
  const cycle = on.cycle ? await prisma.releaseCycle.findUniqueOrThrow({ where: { projectId_name: { projectId: project.id, name: on.cycle } } }) : null;
  return { kind: 'user', userId: 0, login, isInstanceAdmin: false, via: 'session', grants: [{ projectId: project.id, role, cycleId: cycle?.id ?? null, kepNumber: null }] };
}
