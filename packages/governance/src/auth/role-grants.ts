import type { PrismaClient } from '../db';
import type { Role } from '../db/generated/enums';
import { GovernanceError, invalidArgument, notFound } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { CYCLE_ROLES, ROLE_LABELS, ROLES, type Actor } from './actor';
import { assertSignedIn } from './authorize';
import { normalizeLogin } from './users';

// Role grants per project. Granted to a login (a user need not have signed in yet), managed by the
// project's admins; the GitHub sync adds `source: 'github-maintainers'` grants the same way (maintainer-grants.ts).

export interface RoleGrantView {
  id: number;
  login: string;
  project: string;
  role: Role;
  roleLabel: string;
  cycle: string | null;
  kepNumber: number | null;
  source: string;
  grantedBy: string | null;
  createdAt: string;
}

export interface GrantRoleInput {
  project: string;
  login: string;
  role: string;
  /** Required for release owners and LTS owners, refused for the other roles. */
  cycle?: string | null;
  kepNumber?: number | null;
  source?: 'manual' | 'github-maintainers';
  note?: string | null;
}

const describeGrant = (grant: { login: string; role: Role; project: string; cycle: string | null; kepNumber: number | null }) =>
  `${grant.login}: ${ROLE_LABELS[grant.role]} of ${grant.project}${grant.cycle ? ` ${grant.cycle}` : ''}${grant.kepNumber ? ` KEP-${grant.kepNumber}` : ''}`;

export async function grantRole(prisma: PrismaClient, actor: Actor, input: GrantRoleInput): Promise<RoleGrantView> {
  assertSignedIn(actor);
  const role = input.role.toUpperCase().replace(/[\s-]+/g, '_') as Role;
  if (!ROLES.includes(role)) throw invalidArgument(`role: "${input.role}" is not a role; use one of ${ROLES.map((r) => r.toLowerCase()).join(', ')}`, { field: 'role' });
  const login = normalizeLogin(input.login);
  const project = await prisma.project.findUnique({ where: { slug: input.project } });
  if (!project) throw notFound(`project: no project "${input.project}"`, { field: 'project' });
  const needsCycle = CYCLE_ROLES.includes(role);
  if (needsCycle && !input.cycle) throw invalidArgument(`cycle: a ${ROLE_LABELS[role]} holds the role for one release cycle; name it`, { field: 'cycle' });
  if (!needsCycle && input.cycle) throw invalidArgument(`cycle: only release owners and LTS owners are granted per cycle`, { field: 'cycle' });
  if (input.kepNumber != null && role !== 'SHEPHERD') throw invalidArgument('kepNumber: only shepherds are granted per KEP', { field: 'kepNumber' });
  const cycle = input.cycle ? await prisma.releaseCycle.findUnique({ where: { projectId_name: { projectId: project.id, name: input.cycle } } }) : null;
  if (input.cycle && !cycle) throw notFound(`cycle: ${project.slug} has no release cycle "${input.cycle}"`, { field: 'cycle' });
  const grant = { login, role, project: project.slug, cycle: cycle?.name ?? null, kepNumber: input.kepNumber ?? null };
  const target = describeGrant(grant);
  return runMutation(prisma, actor, { action: 'role.grant', resource: { projectId: project.id }, target, note: input.note }, async (tx) => {
    const duplicate = await tx.roleGrant.findFirst({ where: { login, projectId: project.id, role, cycleId: cycle?.id ?? null, kepNumber: grant.kepNumber } });
    if (duplicate) throw new GovernanceError('already_exists', `${target} is already granted`, { id: duplicate.id });
    const row = await tx.roleGrant.create({
      data: { login, projectId: project.id, role, cycleId: cycle?.id ?? null, kepNumber: grant.kepNumber, source: input.source ?? 'manual', grantedBy: actorLogin(actor) },
    });
    return { before: null, after: grant, result: toView(row, project.slug, grant.cycle) };
  });
}

export async function revokeRole(prisma: PrismaClient, actor: Actor, grantId: number, note?: string | null): Promise<RoleGrantView> {
  assertSignedIn(actor);
  const row = await prisma.roleGrant.findUnique({ where: { id: grantId } });
  if (!row) throw notFound(`id: no role grant ${grantId}`, { field: 'id' });
  const project = await prisma.project.findUniqueOrThrow({ where: { id: row.projectId } });
  const cycle = row.cycleId ? await prisma.releaseCycle.findUnique({ where: { id: row.cycleId } }) : null;
  const grant = { login: row.login, role: row.role, project: project.slug, cycle: cycle?.name ?? null, kepNumber: row.kepNumber };
  return runMutation(prisma, actor, { action: 'role.revoke', resource: { projectId: project.id }, target: describeGrant(grant), note }, async (tx) => {
    await tx.roleGrant.delete({ where: { id: grantId } });
    return { before: grant, after: null, result: toView(row, project.slug, grant.cycle) };
  });
}

/** Grants, optionally of one project or one login, with project slugs and cycle names. */
export async function listRoleGrants(prisma: PrismaClient, filter: { project?: string; login?: string } = {}): Promise<RoleGrantView[]> {
  const project = filter.project ? await prisma.project.findUnique({ where: { slug: filter.project } }) : null;
  if (filter.project && !project) throw notFound(`project: no project "${filter.project}"`, { field: 'project' });
  const rows = await prisma.roleGrant.findMany({
    where: { ...(project ? { projectId: project.id } : {}), ...(filter.login ? { login: filter.login.toLowerCase() } : {}) },
    orderBy: [{ projectId: 'asc' }, { login: 'asc' }, { role: 'asc' }],
  });
  const projects = new Map((await prisma.project.findMany({ select: { id: true, slug: true } })).map((p) => [p.id, p.slug]));
  const cycleIds = [...new Set(rows.flatMap((row) => (row.cycleId ? [row.cycleId] : [])))];
  const cycles = new Map((await prisma.releaseCycle.findMany({ where: { id: { in: cycleIds } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  return rows.map((row) => toView(row, projects.get(row.projectId) ?? String(row.projectId), row.cycleId ? (cycles.get(row.cycleId) ?? null) : null));
}

const actorLogin = (actor: Actor) => (actor.kind === 'user' ? actor.login : actor.kind === 'system' ? actor.name : null);

function toView(
  row: { id: number; login: string; role: Role; kepNumber: number | null; source: string; grantedBy: string | null; createdAt: Date },
  project: string,
  cycle: string | null,
): RoleGrantView {
  return {
    id: row.id,
    login: row.login,
    project,
    role: row.role,
    roleLabel: ROLE_LABELS[row.role],
    cycle,
    kepNumber: row.kepNumber,
    source: row.source,
    grantedBy: row.grantedBy,
    createdAt: row.createdAt.toISOString(),
  };
}
