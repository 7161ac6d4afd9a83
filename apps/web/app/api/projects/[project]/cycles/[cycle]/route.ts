import { updateCycleSupport } from '@shepherd/governance';
import { parseBody, withActor } from '@/lib/authorize';
import { CycleSupportPatch, toUpdateInput } from '@/lib/validation/support';

export const dynamic = 'force-dynamic';

/**
 * Changes a cycle's support dates and extended-support note. Maintainers and admins of the project
 * on any cycle, release owners and LTS owners on their own cycle (API token with write:releases,
 * or a session from Shepherd's own pages). Answers the support fields after the change.
 */
export const PATCH = withActor<{ project: string; cycle: string }>(async ({ request, actor, prisma, params }) => {
  const patch = await parseBody(request, CycleSupportPatch);
  return updateCycleSupport(prisma, actor, toUpdateInput(params.project, decodeURIComponent(params.cycle), patch));
});
