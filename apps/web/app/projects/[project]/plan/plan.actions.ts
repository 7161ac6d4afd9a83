'use server';

import { revalidatePath } from 'next/cache';
import { addScheduledCycle, describePlanChanges, readCyclePlanOf, updateCyclePlan } from '@shepherd/governance/planning/edit-plan';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { patchFromPlanForm, planFieldOf, toPlanEdit } from '@/lib/validation/plan';

export async function saveCyclePlan(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(
    async () => {
      const project = String(form.get('project'));
      const cycle = String(form.get('cycle'));
      const client = await prisma();
      const before = await readCyclePlanOf(client, project, cycle);
      const after = await updateCyclePlan(client, await currentActor(), toPlanEdit(project, cycle, patchFromPlanForm(form)), today());
      revalidatePath(`/projects/${project}`, 'layout');
      const changes = describePlanChanges(before, after);
      return changes.length ? `Saved the plan of ${project} ${cycle}: ${changes.join('; ')}.` : `Nothing changed in the plan of ${project} ${cycle}.`;
    },
    form,
    { fieldOf: planFieldOf },
  );
}

export async function addCycleToPlan(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    const note = String(form.get('note') ?? '').trim() || null;
    const { added } = await addScheduledCycle(await prisma(), await currentActor(), { project, cycle, note }, today());
    revalidatePath(`/projects/${project}`, 'layout');
    const past = added.milestones.filter((milestone) => milestone.past);
    const listed = added.milestones.map((milestone) => `${milestone.label} ${milestone.text}`).join(', ');
    return (
      `Added ${project} ${cycle} to the plan (policy v${added.policyVersion}${added.isLts ? ', LTS' : ''}), all tentative: ${listed}.` +
      (past.length ? ` Already past: ${past.map((milestone) => milestone.label).join(', ')}; move ${past.length === 1 ? 'it' : 'them'} in the ${cycle} plan below.` : '')
    );
  }, form);
}
