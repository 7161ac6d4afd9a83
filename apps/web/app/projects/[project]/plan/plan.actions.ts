'use server';

import { revalidatePath } from 'next/cache';
import { addScheduledCycle, updateCyclePlan } from '@shepherd/governance/planning/edit-plan';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { patchFromPlanForm, toPlanEdit } from '@/lib/validation/plan';

export async function saveCyclePlan(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    await updateCyclePlan(await prisma(), await currentActor(), toPlanEdit(project, cycle, patchFromPlanForm(form)), today());
    revalidatePath(`/projects/${project}`, 'layout');
    return `Saved the plan of ${project} ${cycle}.`;
  }, form);
}

export async function addCycleToPlan(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    await addScheduledCycle(await prisma(), await currentActor(), { project, cycle }, today());
    revalidatePath(`/projects/${project}`, 'layout');
    return `Added ${cycle} to the plan with the schedule's tentative dates.`;
  }, form);
}
