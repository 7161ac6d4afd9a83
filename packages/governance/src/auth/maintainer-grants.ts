import type { PrismaClient } from '../db';
import type { Maintainer } from '../github/parse-maintainers';
import { SYSTEM } from './actor';
import { grantRole, revokeRole } from './role-grants';
import { normalizeLogin } from './users';

// The project's MAINTAINERS file decides who maintains it: each listed maintainer or committer holds
// a maintainer grant with source "github-maintainers", added when they appear and revoked when they
// leave the file. Grants people made by hand are never touched, and reviewers get no write role.

export interface MaintainerGrantChanges {
  granted: string[];
  revoked: string[];
}

export async function syncMaintainerGrants(prisma: PrismaClient, projectSlug: string, maintainers: readonly Maintainer[]): Promise<MaintainerGrantChanges> {
  const project = await prisma.project.findUniqueOrThrow({ where: { slug: projectSlug } });
  const wanted = new Set(maintainers.filter((person) => person.role !== 'reviewer').map((person) => normalizeLogin(person.login)));
  const held = await prisma.roleGrant.findMany({ where: { projectId: project.id, role: 'MAINTAINER', cycleId: null, kepNumber: null } });
  const changes: MaintainerGrantChanges = { granted: [], revoked: [] };
  for (const login of wanted) {
    if (held.some((grant) => grant.login === login)) continue;
    await grantRole(prisma, SYSTEM, { project: project.slug, login, role: 'maintainer', source: 'github-maintainers', note: 'listed in the MAINTAINERS file' });
    changes.granted.push(login);
  }
  for (const grant of held) {
    if (grant.source !== 'github-maintainers' || wanted.has(grant.login)) continue;
    await revokeRole(prisma, SYSTEM, grant.id, 'no longer listed in the MAINTAINERS file');
    changes.revoked.push(grant.login);
  }
  return changes;
}
