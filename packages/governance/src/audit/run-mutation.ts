import type { Prisma, PrismaClient, Tx } from '../db';
import { actorName, type Actor } from '../auth/actor';
import { assertAuthorized, type Action, type Resource } from '../auth/authorize';

// The one way to change data on someone's behalf: check the policy, run the change in a
// transaction, and write the audit row (who, what, when, before → after, why) in that same
// transaction, so a change without its audit row, or an audit row without its change, cannot exist.

export interface MutationSpec {
  action: Action;
  resource: Resource;
  /** What was changed, in words a reader of the audit log recognises: "containerd 2.3". */
  target: string;
  /** Why, as the person wrote it (optional). */
  note?: string | null;
}

export interface MutationOutcome<T> {
  /** JSON-able state before and after; equal states write no audit row (nothing changed). */
  before: unknown;
  after: unknown;
  result: T;
}

export async function runMutation<T>(
  prisma: PrismaClient,
  actor: Actor,
  spec: MutationSpec,
  change: (tx: Tx) => Promise<MutationOutcome<T>>,
): Promise<T> {
  assertAuthorized(actor, spec.action, spec.resource, spec.target);
  return prisma.$transaction(async (tx) => {
    const outcome = await change(tx);
    if (JSON.stringify(outcome.before ?? null) !== JSON.stringify(outcome.after ?? null)) {
      await writeAuditEvent(tx, actor, { ...spec, before: outcome.before, after: outcome.after });
    }
    return outcome.result;
  });
}

/** Writes one audit row inside the caller's transaction (for changes with no authorization step, e.g. a first sign-in). */
export async function writeAuditEvent(
  tx: Tx,
  actor: Actor,
  event: { action: string; resource?: Resource; target: string; note?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: actorName(actor),
      via: actor.kind === 'user' ? actor.via : actor.kind === 'system' ? actor.name : 'anonymous',
      apiTokenId: actor.kind === 'user' ? (actor.token?.id ?? null) : null,
      action: event.action,
      projectId: event.resource?.projectId ?? null,
      target: event.target,
      before: toJson(event.before),
      after: toJson(event.after),
      note: event.note?.trim() || null,
    },
  });
}

const toJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
