import { listAuditEvents } from '@shepherd/governance';
import { withActor } from '@/lib/authorize';
import { AuditQuery } from '../../../admin/audit/audit-query';

export const dynamic = 'force-dynamic';

/** The audit log for admins: ?project=&actor=&action=&since=&until=&before=&limit= (newest first, paged by `nextBefore`). */
export const GET = withActor(async ({ request, actor, prisma }) => {
  const query = AuditQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listAuditEvents(prisma, actor, query);
});
