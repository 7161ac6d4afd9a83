'use server';

import { revalidatePath } from 'next/cache';
import { overrideGaGate, qualifyNow } from '@shepherd/governance/qualification/index';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';

export async function qualifyNowAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    const { qualification, created } = await qualifyNow(await prisma(), await currentActor(), {
      project,
      cycle,
      tag: String(form.get('tag') ?? ''),
      rerun: form.get('rerun') === 'on',
    });
    revalidatePath(`/projects/${project}`, 'layout');
    return created
      ? `Queued ${qualification.tag} #${qualification.attempt}; the log follows below.`
      : `${qualification.tag} is already qualified or queued (#${qualification.attempt}, ${qualification.status.toLowerCase()}); tick "run again" for another attempt.`;
  }, form);
}

export async function overrideGateAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    const override = await overrideGaGate(await prisma(), await currentActor(), { project, cycle, reason: String(form.get('reason') ?? '') });
    revalidatePath(`/projects/${project}`, 'layout');
    return `GA gate overridden for ${override.tag}; recorded in the audit log.`;
  }, form);
}
