'use server';

import { revalidatePath } from 'next/cache';
import { describeSupportChanges, readCycleSupportOf, updateCycleSupport } from '@shepherd/governance';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { patchFromForm, toUpdateInput } from '@/lib/validation/support';

/** "endOfLife.date" (the domain's name) → "endOfLifeDate" (the form's field). */
const supportFieldOf = (path: string) => {
  const [head] = path.split('.');
  if (head === 'endOfLife' || head === 'endOfActiveSupport') return `${head}Date`;
  return head === 'extendedSupportNote' || head === 'note' ? head : null;
};

export async function saveCycleSupport(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(
    async () => {
      const project = String(form.get('project'));
      const cycle = String(form.get('cycle'));
      const client = await prisma();
      const before = await readCycleSupportOf(client, project, cycle);
      const after = await updateCycleSupport(client, await currentActor(), toUpdateInput(project, cycle, patchFromForm(form)));
      revalidatePath(`/projects/${project}`, 'layout');
      const changes = describeSupportChanges(before, after);
      return changes.length ? `Saved ${project} ${cycle}: ${changes.join('; ')}.` : `Nothing changed in the support dates of ${project} ${cycle}.`;
    },
    form,
    { fieldOf: supportFieldOf },
  );
}
