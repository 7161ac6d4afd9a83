import { addScheduledCycle } from '@shepherd/governance/planning/edit-plan';
import { parseBody, withActor } from '@/lib/authorize';
import { today } from '@/lib/today';
import { AddCycleBody } from '@/lib/validation/plan';

export const dynamic = 'force-dynamic';

/** Adds a release the schedule proposes to the plan, with the schedule's tentative dates (maintainers). */
export const POST = withActor<{ project: string }>(
  async ({ request, actor, prisma, params }) => {
    const body = await parseBody(request, AddCycleBody);
    return addScheduledCycle(prisma, actor, { project: params.project, cycle: body.cycle, note: body.note }, today());
  },
  { status: 201 },
);
