import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, PrismaClient } from '../db';
import type { Role } from '../db/generated/enums';
import { GovernanceError } from '../errors';
import { recordTags } from '../testing/tags';
import { openTestDatabase } from '../testing/test-database';
import { listAuditEvents } from '../audit/list-audit-events';
import { updateCycleSupport } from '../releases/update-cycle-support';
import { updateCyclePlan } from '../planning/edit-plan';
import { loadPlanningData } from '../planning/load-planning-data';
import { savePolicies } from '../planning/save-policies';
import { overrideGaGate } from '../qualification/ga-gate';
import { qualifyNow, requestQualification } from '../qualification/request-qualification';
import { updateLiaisons } from '../keps/update-tracking';
import { ANONYMOUS, SYSTEM, type Actor, type Scope } from './actor';
import { createApiToken, revokeApiToken } from './api-tokens';
import { loadUserActor } from './load-actor';
import { grantRole, revokeRole } from './role-grants';
import { createLocalUser, resetLocalPassword } from './users';

// Every mutation × every role: allowed or denied as the policy says, and a denied call changes
// nothing (every auth table, the audit log and the touched milestones compared row by row).

type Who = 'anonymous' | 'instance admin' | 'admin' | 'maintainer' | 'release owner 2.4' | 'LTS owner 2.3' | 'shepherd' | 'liaison' | 'viewer' | 'other project admin';
const EVERYONE: Who[] = ['anonymous', 'instance admin', 'admin', 'maintainer', 'release owner 2.4', 'LTS owner 2.3', 'shepherd', 'liaison', 'viewer', 'other project admin'];

const PEOPLE: Record<Exclude<Who, 'anonymous'>, { login: string; grants: { project: string; role: Role; cycle?: string }[]; instanceAdmin?: boolean }> = {
  'instance admin': { login: 'root', grants: [], instanceAdmin: true },
  admin: { login: 'ada', grants: [{ project: 'containerd', role: 'ADMIN' }] },
  maintainer: { login: 'max', grants: [{ project: 'containerd', role: 'MAINTAINER' }] },
  'release owner 2.4': { login: 'rose', grants: [{ project: 'containerd', role: 'RELEASE_OWNER', cycle: '2.4' }] },
  'LTS owner 2.3': { login: 'lou', grants: [{ project: 'containerd', role: 'LTS_OWNER', cycle: '2.3' }] },
  shepherd: { login: 'shep', grants: [{ project: 'containerd', role: 'SHEPHERD' }] },
  liaison: { login: 'lia', grants: [{ project: 'containerd', role: 'LIAISON' }] },
  viewer: { login: 'vic', grants: [{ project: 'containerd', role: 'VIEWER' }] },
  // Admin and maintainer, of another project: none of it counts on containerd.
  'other project admin': { login: 'olga', grants: [{ project: 'nerdctl', role: 'ADMIN' }, { project: 'nerdctl', role: 'MAINTAINER' }] },
};

interface Mutation {
  name: string;
  allowed: Who[];
  /** Runs the mutation as `actor`; `fresh` is a per-attempt counter for unique names. */
  run: (prisma: PrismaClient, actor: Actor, fresh: number) => Promise<unknown>;
  /** The audit action an allowed call writes. */
  action: string;
}

let tokenOfTess = 0;
const TODAY = '2026-12-01';

const MUTATIONS: Mutation[] = [
  {
    name: 'update the support dates of LTS branch 2.3',
    allowed: ['instance admin', 'admin', 'maintainer', 'LTS owner 2.3'],
    action: 'cycle.update-support',
    run: (prisma, actor, fresh) =>
      updateCycleSupport(prisma, actor, { project: 'containerd', cycle: '2.3', endOfLife: { date: `2028-05-${String(1 + (fresh % 28)).padStart(2, '0')}`, precision: 'DAY', tentative: false }, note: 'extended' }),
  },
  {
    name: 'update the extended-support note of 2.4',
    allowed: ['instance admin', 'admin', 'maintainer', 'release owner 2.4'],
    action: 'cycle.update-support',
    run: (prisma, actor, fresh) => updateCycleSupport(prisma, actor, { project: 'containerd', cycle: '2.4', extendedSupportNote: `note ${fresh}` }),
  },
  {
    name: 'replan the RC of 2.4',
    allowed: ['instance admin', 'admin', 'maintainer'],
    action: 'plan.update',
    run: (prisma, actor, fresh) =>
      updateCyclePlan(prisma, actor, { project: 'containerd', cycle: '2.4', milestones: { RC: { planned: { date: `2026-08-${11 + (fresh % 14)}`, precision: 'DAY', tentative: true } } } }, TODAY),
  },
  {
    name: 'save a new release policy version',
    allowed: ['instance admin', 'admin', 'maintainer'],
    action: 'policy.update',
    run: async (prisma, actor, fresh) => {
      const inForce = (await loadPlanningData(prisma, 'containerd', TODAY)).policies.filter((policy) => policy.effectiveFrom <= TODAY);
      return savePolicies(prisma, actor, 'containerd', { policies: [...inForce, { ...inForce[1], version: 100 + fresh, name: `draft ${fresh}`, effectiveFrom: '2030-01-01', firstCycle: null }], note: 'authorization matrix' }, TODAY);
    },
  },
  {
    name: 'qualify an RC of 2.4 now',
    allowed: ['instance admin', 'admin', 'maintainer', 'release owner 2.4'],
    action: 'qualification.request',
    run: async (prisma, actor, fresh) => {
      await recordTags(prisma, 'containerd', [`v2.4.0-rc.${fresh}`]);
      return qualifyNow(prisma, actor, { project: 'containerd', cycle: '2.4', tag: `v2.4.0-rc.${fresh}` });
    },
  },
  {
    name: "override 2.4's red GA gate",
    allowed: ['instance admin', 'admin', 'maintainer'],
    action: 'ga.override',
    run: async (prisma, actor, fresh) => {
      await recordTags(prisma, 'containerd', [`v2.4.0-rc.${1000 + fresh}`]);
      const { qualification } = await requestQualification(prisma, { projectSlug: 'containerd', tag: `v2.4.0-rc.${1000 + fresh}`, trigger: 'manual' });
      await prisma.qualification.update({ where: { id: qualification.id }, data: { status: 'FAILED', reason: 'smoke failed' } });
      return overrideGaGate(prisma, actor, { project: 'containerd', cycle: '2.4', reason: `known failure ${fresh}, fixed on main` });
    },
  },
  {
    // A project-wide shepherd (no KEP number) shepherds KEPs; the liaisons are the maintainers' call.
    name: 'replace the Kubernetes 1.37 liaisons',
    allowed: ['instance admin', 'admin', 'maintainer'],
    action: 'kep.liaisons',
    run: (prisma, actor, fresh) => updateLiaisons(prisma, actor, { projectSlug: 'containerd', kubernetesRelease: '1.37', logins: [`liaison-${fresh}`] }),
  },
  {
    name: 'grant a role on containerd',
    allowed: ['instance admin', 'admin'],
    action: 'role.grant',
    run: (prisma, actor, fresh) => grantRole(prisma, actor, { project: 'containerd', login: `newcomer-${fresh}`, role: 'maintainer' }),
  },
  {
    name: 'revoke a role on containerd',
    allowed: ['instance admin', 'admin'],
    action: 'role.revoke',
    run: async (prisma, actor, fresh) => {
      const grant = await grantRole(prisma, SYSTEM, { project: 'containerd', login: `leaver-${fresh}`, role: 'viewer' });
      return revokeRole(prisma, actor, grant.id);
    },
  },
  {
    name: 'create an API token for oneself',
    allowed: EVERYONE.filter((who) => who !== 'anonymous'),
    action: 'token.create',
    run: (prisma, actor, fresh) => createApiToken(prisma, actor, { name: `ci ${fresh}`, scopes: ['read'] }),
  },
  {
    name: "create an API token for someone else (tess)",
    allowed: ['instance admin'],
    action: 'token.create',
    run: (prisma, actor, fresh) => createApiToken(prisma, actor, { login: 'tess', name: `for tess ${fresh}`, scopes: ['read'] }),
  },
  {
    name: "revoke someone else's API token (tess's)",
    allowed: ['instance admin'],
    action: 'token.revoke',
    run: (prisma, actor) => revokeApiToken(prisma, actor, tokenOfTess),
  },
  {
    name: 'create a local user',
    allowed: ['instance admin'],
    action: 'user.create',
    run: (prisma, actor, fresh) => createLocalUser(prisma, actor, { login: `local-${fresh}` }),
  },
  {
    name: "reset a local user's password",
    allowed: ['instance admin'],
    action: 'user.reset-password',
    run: (prisma, actor) => resetLocalPassword(prisma, actor, 'tess'),
  },
];

/** Everything a mutation could touch, row by row. */
async function snapshot(prisma: PrismaClient) {
  return JSON.stringify({
    users: await prisma.user.findMany({ orderBy: { id: 'asc' } }),
    sessions: await prisma.session.findMany({ orderBy: { id: 'asc' } }),
    tokens: await prisma.apiToken.findMany({ orderBy: { id: 'asc' } }),
    grants: await prisma.roleGrant.findMany({ orderBy: { id: 'asc' } }),
    audit: await prisma.auditEvent.findMany({ orderBy: { id: 'asc' } }),
    cycles: await prisma.releaseCycle.findMany({ orderBy: { id: 'asc' }, select: { id: true, extendedSupportNote: true, updatedAt: true } }),
    milestones: await prisma.milestone.findMany({ orderBy: { id: 'asc' } }),
    liaisons: await prisma.kepLiaison.findMany({ orderBy: { id: 'asc' } }),
    changes: await prisma.milestoneChange.count(),
  });
}

describe('authorization: every mutation × every role', () => {
  let database: Database;
  let prisma: PrismaClient;
  const actors = {} as Record<Who, Actor>;
  let attempt = 0;

  beforeAll(async () => {
    database = await openTestDatabase('seeded');
    prisma = database.prisma;
    const nerdctl = await prisma.project.create({ data: { slug: 'nerdctl', name: 'nerdctl', repository: 'containerd/nerdctl' } });
    await prisma.releaseCycle.create({ data: { projectId: nerdctl.id, name: '2.0', major: 2, minor: 0, extendedSupportKubernetes: [] } });
    for (const [who, person] of Object.entries(PEOPLE)) {
      const user = await prisma.user.create({ data: { login: person.login, isInstanceAdmin: person.instanceAdmin ?? false } });
      for (const grant of person.grants) await grantRole(prisma, SYSTEM, { project: grant.project, login: person.login, role: grant.role, cycle: grant.cycle });
      actors[who as Who] = await loadUserActor(prisma, user, 'session');
    }
    actors.anonymous = ANONYMOUS;
    await createLocalUser(prisma, SYSTEM, { login: 'tess' });
    tokenOfTess = (await createApiToken(prisma, SYSTEM, { login: 'tess', name: 'tess token', scopes: ['read'] })).view.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  for (const mutation of MUTATIONS) {
    describe(mutation.name, () => {
      for (const who of EVERYONE) {
        const allowed = mutation.allowed.includes(who);
        it(`${who}: ${allowed ? 'allowed' : 'denied'}`, async () => {
          const fresh = ++attempt;
          const before = await snapshot(prisma);
          const auditBefore = await prisma.auditEvent.count();
          const outcome = await mutation.run(prisma, actors[who], fresh).then(
            () => null,
            (error: unknown) => error,
          );
          if (allowed) {
            expect(outcome).toBeNull();
            const audit = await prisma.auditEvent.findMany({ where: { id: { gt: 0 } }, orderBy: { id: 'desc' }, take: 1 });
            // The revoke case writes its own setup grant first (as "system"), then the revocation.
            expect(await prisma.auditEvent.count()).toBeGreaterThan(auditBefore);
            expect(audit[0]).toMatchObject({ action: mutation.action, actor: (actors[who] as { login: string }).login });
          } else {
            expect(outcome).toBeInstanceOf(GovernanceError);
            expect((outcome as GovernanceError).code).toBe(who === 'anonymous' ? 'unauthenticated' : 'permission_denied');
            if (mutation.name.startsWith('revoke a role')) {
              // Its setup grant is the one allowed change; the revocation itself must not happen.
              expect(await prisma.roleGrant.count({ where: { login: `leaver-${fresh}` } })).toBe(1);
            } else {
              expect(await snapshot(prisma)).toBe(before);
            }
          }
        });
      }
    });
  }

  it('names who is refused and why', async () => {
    const error = await updateCycleSupport(prisma, actors['LTS owner 2.3'], { project: 'containerd', cycle: '1.7', extendedSupportNote: 'x' }).catch((e: GovernanceError) => e);
    expect((error as GovernanceError).message).toBe(
      'You cannot change the support dates of containerd 1.7: lou is not an admin or maintainer of the project, or the release owner / LTS owner of this cycle.',
    );
  });

  describe('API tokens act as their user, narrowed to their scopes', () => {
    const asToken = (who: Who, scopes: Scope[]): Actor => ({ ...(actors[who] as Extract<Actor, { kind: 'user' }>), via: 'token', token: { id: 1, scopes } });
    const edit = (actor: Actor) => updateCycleSupport(prisma, actor, { project: 'containerd', cycle: '2.3', extendedSupportNote: `via token ${++attempt}` });

    it('a maintainer token without write:releases is refused, with it allowed', async () => {
      const before = await snapshot(prisma);
      await expect(edit(asToken('maintainer', ['read', 'write:keps']))).rejects.toThrow('this API token lacks the "write:releases" scope');
      expect(await snapshot(prisma)).toBe(before);
      await expect(edit(asToken('maintainer', ['write:releases']))).resolves.toBeTruthy();
      const last = await prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
      expect(last).toMatchObject({ actor: 'max', via: 'token', apiTokenId: 1 });
    });

    it('a scope never adds a role: a viewer token with every scope is still refused', async () => {
      await expect(edit(asToken('viewer', ['read', 'write:releases', 'write:keps', 'admin']))).rejects.toMatchObject({ code: 'permission_denied' });
    });

    it('an instance admin token still needs the scope', async () => {
      await expect(grantRole(prisma, asToken('instance admin', ['write:releases']), { project: 'containerd', login: 'someone', role: 'viewer' })).rejects.toThrow('lacks the "admin" scope');
    });
  });

  describe('the audit log is readable by admins only', () => {
    it('instance admins read everything, project admins their project, others nothing', async () => {
      const all = await listAuditEvents(prisma, actors['instance admin'], { limit: 500 });
      expect(all.events.length).toBeGreaterThan(10);
      const ada = await listAuditEvents(prisma, actors.admin, { limit: 500 });
      const containerd = await prisma.project.findUniqueOrThrow({ where: { slug: 'containerd' } });
      expect(ada.events.length).toBe(await prisma.auditEvent.count({ where: { projectId: containerd.id } }));
      expect(new Set(ada.events.map((event) => event.project))).toEqual(new Set(['containerd']));
      await expect(listAuditEvents(prisma, actors['other project admin'], { project: 'containerd' })).rejects.toMatchObject({ code: 'permission_denied' });
      await expect(listAuditEvents(prisma, actors.maintainer)).rejects.toMatchObject({ code: 'permission_denied' });
      await expect(listAuditEvents(prisma, ANONYMOUS)).rejects.toMatchObject({ code: 'unauthenticated' });
    });

    it('filters by actor, action and project, and pages', async () => {
      const byMax = await listAuditEvents(prisma, actors['instance admin'], { actor: 'max', action: 'cycle.update-support' });
      expect(byMax.events.length).toBeGreaterThan(0);
      expect(byMax.events.every((event) => event.actor === 'max' && event.action === 'cycle.update-support')).toBe(true);
      const first = await listAuditEvents(prisma, actors['instance admin'], { limit: 2 });
      const second = await listAuditEvents(prisma, actors['instance admin'], { limit: 2, before: first.nextBefore! });
      expect(second.events[0].id).toBeLessThan(first.events[1].id);
      const future = await listAuditEvents(prisma, actors['instance admin'], { since: '2999-01-01' });
      expect(future.events).toEqual([]);
    });
  });
});
