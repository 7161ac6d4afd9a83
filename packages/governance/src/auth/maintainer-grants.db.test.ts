import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/open-database';
import { openTestDatabase } from '../testing/test-database';
import { SYSTEM } from './actor';
import { loadUserActor } from './load-actor';
import { syncMaintainerGrants } from './maintainer-grants';
import { grantRole, listRoleGrants } from './role-grants';
import { authorize } from './authorize';

describe('maintainer grants from the MAINTAINERS file', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  const grants = async () => (await listRoleGrants(db.prisma, { project: 'containerd' })).map((grant) => `${grant.login}:${grant.role}:${grant.source}`).sort();

  it('grants listed maintainers and committers, revokes those who leave, and leaves hand-made grants alone', async () => {
    await grantRole(db.prisma, SYSTEM, { project: 'containerd', login: 'estesp', role: 'maintainer' });
    const first = await syncMaintainerGrants(db.prisma, 'containerd', [
      { login: 'AkihiroSuda', name: 'Akihiro Suda', role: 'maintainer' },
      { login: 'dmcgowan', name: null, role: 'committer' },
      { login: 'estesp', name: null, role: 'maintainer' },
      { login: 'samuelkarp', name: null, role: 'reviewer' },
    ]);
    expect(first).toEqual({ granted: ['akihirosuda', 'dmcgowan'], revoked: [] });
    expect(await grants()).toEqual(['akihirosuda:MAINTAINER:github-maintainers', 'dmcgowan:MAINTAINER:github-maintainers', 'estesp:MAINTAINER:manual']);

    // A maintainer who signs in later holds the role: they may replan a release.
    const user = await db.prisma.user.create({ data: { login: 'akihirosuda' } });
    const actor = await loadUserActor(db.prisma, user, 'session');
    const project = await db.prisma.project.findUniqueOrThrow({ where: { slug: 'containerd' } });
    expect(authorize(actor, 'plan.update', { projectId: project.id })).toEqual({ allowed: true });

    expect(await syncMaintainerGrants(db.prisma, 'containerd', [{ login: 'dmcgowan', name: null, role: 'committer' }])).toEqual({ granted: [], revoked: ['akihirosuda'] });
    expect(await grants()).toEqual(['dmcgowan:MAINTAINER:github-maintainers', 'estesp:MAINTAINER:manual']);
    const audit = await db.prisma.auditEvent.findMany({ where: { actor: 'system', action: { in: ['role.grant', 'role.revoke'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((event) => `${event.action} ${event.target} (${event.note})`)).toEqual([
      'role.grant estesp: maintainer of containerd (null)',
      'role.grant akihirosuda: maintainer of containerd (listed in the MAINTAINERS file)',
      'role.grant dmcgowan: maintainer of containerd (listed in the MAINTAINERS file)',
      'role.revoke akihirosuda: maintainer of containerd (no longer listed in the MAINTAINERS file)',
    ]);
    // Unchanged list: nothing to do, nothing audited.
    expect(await syncMaintainerGrants(db.prisma, 'containerd', [{ login: 'dmcgowan', name: null, role: 'committer' }])).toEqual({ granted: [], revoked: [] });
  });
});
