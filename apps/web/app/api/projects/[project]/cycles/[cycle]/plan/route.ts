import { readCyclePlan, updateCyclePlan } from '@shepherd/governance/planning/edit-plan';
import { findCycle } from '@shepherd/governance/releases/get-releases';
import { parseBody, withActor } from '@/lib/authorize';
import { today } from '@/lib/today';
import { CyclePlanPatch, toPlanEdit } from '@/lib/validation/plan';

export const dynamic = 'force-dynamic';

type Params = { project: string; cycle: string };

/** A cycle's release milestones (planned and actual), owners and LTS flag. */
export const GET = withActor<Params>(async ({ prisma, params }) => {
  const { cycle } = await findCycle(prisma, params.project, decodeURIComponent(params.cycle));
  return readCyclePlan(prisma, cycle.id);
});

/**
 * Replans a cycle: maintainers and admins (API token with write:releases, or a session from
 * Shepherd's pages). GA's `actual` is not changed here (400 pointing to POST …/ga, "Record GA").
 * Answers the plan after the change; every change is audited.
 */
export const PATCH = withActor<Params>(async ({ request, actor, prisma, params }) => {
  const patch = await parseBody(request, CyclePlanPatch);
  return updateCyclePlan(prisma, actor, toPlanEdit(params.project, decodeURIComponent(params.cycle), patch), today());
});
