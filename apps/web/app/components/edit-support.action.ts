'use server';

import { revalidatePath } from 'next/cache';
import { updateCycleSupport } from '@shepherd/governance';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { patchFromForm, toUpdateInput } from './edit-support.validation';

export async function saveCycleSupport(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    await updateCycleSupport(await prisma(), await currentActor(), toUpdateInput(project, cycle, patchFromForm(form)));
    revalidatePath(`/projects/${project}`, 'layout');
    return `Saved the support dates of ${project} ${cycle}.`;
  }, form);
}
