import { updateKepTracking } from '@shepherd/governance';
import { parseBody, withActor } from '@/lib/authorize';
import { KepTrackingPatch, toTrackingUpdate } from '../../../../../projects/[project]/keps/kep.validation';

export const dynamic = 'force-dynamic';

/**
 * People's decisions on a tracked KEP: `state` (AT_RISK, DEFERRED, WITHDRAWN stay until changed;
 * the others hand back to the derived state), `shipment` { stage, cycle }, `shepherds` (1–2 logins).
 * Maintainers and admins of the project, or the KEP's shepherd (API token with write:keps).
 */
export const PATCH = withActor<{ project: string; number: string }>(async ({ request, actor, prisma, params }) => {
  const patch = await parseBody(request, KepTrackingPatch);
  return { done: await updateKepTracking(prisma, actor, toTrackingUpdate(params.project, params.number, patch)) };
});
