import type { Prisma, PrismaClient } from '../db';
import { GovernanceError, notFound } from '../errors';
import type { Actor } from '../auth/actor';
import { assertSignedIn, authorize } from '../auth/authorize';

// The audit log, newest first, filtered. Instance admins read everything; a project's admins read
// their project's events.

export interface AuditFilter {
  project?: string;
  actor?: string;
  action?: string;
  /** ISO dates or date-times, inclusive bounds. */
  since?: string;
  until?: string;
  /** Events older than this id (the previous page's `nextBefore`). */
  before?: number;
  limit?: number;
}

export interface AuditEventView {
  id: number;
  at: string;
  actor: string;
  via: string;
  action: string;
  project: string | null;
  target: string;
  before: unknown;
  after: unknown;
  note: string | null;
}

export async function listAuditEvents(prisma: PrismaClient, actor: Actor, filter: AuditFilter = {}): Promise<{ events: AuditEventView[]; nextBefore: number | null }> {
  assertSignedIn(actor);
  const projects = await prisma.project.findMany({ select: { id: true, slug: true } });
  const slugs = new Map(projects.map((p) => [p.id, p.slug]));
  const project = filter.project ? projects.find((p) => p.slug === filter.project) : undefined;
  if (filter.project && !project) throw notFound(`project: no project "${filter.project}"`, { field: 'project' });
  // Which projects' events this actor may read: the one asked for, or every project they administer.
  const readable = (project ? [project] : projects).filter((p) => authorize(actor, 'audit.read', { projectId: p.id }).allowed);
  const everything = authorize(actor, 'audit.read', {}).allowed;
  if (!everything && readable.length === 0) {
    const decision = authorize(actor, 'audit.read', { projectId: project?.id ?? -1 });
    throw new GovernanceError('permission_denied', `You cannot read the audit log${project ? ` of ${project.slug}` : ''}: ${decision.allowed ? 'not allowed' : decision.reason}.`);
  }
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const where: Prisma.AuditEventWhereInput = {
    ...(project ? { projectId: project.id } : everything ? {} : { projectId: { in: readable.map((p) => p.id) } }),
    ...(filter.actor ? { actor: filter.actor.toLowerCase() } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.since || filter.until
      ? { at: { ...(filter.since ? { gte: new Date(filter.since) } : {}), ...(filter.until ? { lte: endOf(filter.until) } : {}) } }
      : {}),
    ...(filter.before ? { id: { lt: filter.before } } : {}),
  };
  const rows = await prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    events: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      via: row.via,
      action: row.action,
      project: row.projectId ? (slugs.get(row.projectId) ?? null) : null,
      target: row.target,
      before: row.before,
      after: row.after,
      note: row.note,
    })),
    nextBefore: rows.length > limit ? page[page.length - 1].id : null,
  };
}

/** A bare date as an upper bound means the whole day. */
const endOf = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value));
