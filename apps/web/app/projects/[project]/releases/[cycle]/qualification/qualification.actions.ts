'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { overrideGaGate, qualifyNow } from '@shepherd/governance/qualification/index';
import { recordGa, undoGa, type GaPreview } from '@shepherd/governance/planning/record-ga';
import { formatPublishedDate } from '@shepherd/governance/releases/published-dates';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { originFromHeaders } from '@/lib/http';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';

export async function qualifyNowAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    const { qualification, created } = await qualifyNow(await prisma(), await currentActor(), {
      project,
      cycle,
      tag: String(form.get('tag') ?? ''),
      ref: String(form.get('ref') ?? ''),
      rerun: form.get('rerun') === 'on',
    });
    revalidatePath(`/projects/${project}`, 'layout');
    const building = qualification.ref ? `, building ${qualification.ref} (${qualification.commit?.slice(0, 12)})` : '';
    return created
      ? `Queued ${qualification.tag} #${qualification.attempt}${building}; the log follows below.`
      : `${qualification.tag} is already qualified or queued (#${qualification.attempt}, ${qualification.status.toLowerCase()}); tick "run again" for another attempt.`;
  }, form);
}

export async function overrideGateAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const cycle = String(form.get('cycle'));
    const override = await overrideGaGate(await prisma(), await currentActor(), { project, cycle, reason: String(form.get('reason') ?? '') });
    revalidatePath(`/projects/${project}`, 'layout');
    return `GA gate overridden${override.tag ? ` for ${override.tag}` : ''}; recorded in the audit log.`;
  }, form);
}

export interface GaInput {
  project: string;
  cycle: string;
  date: string;
  note?: string;
}

export type GaActionResult = ActionResult & { preview?: GaPreview };

/** Step one of "Record GA": what would change publicly. Nothing is written. */
export async function previewGaAction(input: GaInput): Promise<GaActionResult> {
  let preview: GaPreview | undefined;
  const result = await actionResult(async () => {
    ({ preview } = await recordGa(await prisma(), await currentActor(), { project: input.project, cycle: input.cycle, day: input.date, note: input.note, dryRun: true }, today(), {
      origin: originFromHeaders(await headers()),
    }));
    return 'Review what changes, then confirm.';
  });
  return { ...result, preview };
}

/** Step two, after the confirmation: records GA. */
export async function recordGaAction(input: GaInput): Promise<GaActionResult> {
  return actionResult(async () => {
    const { preview } = await recordGa(await prisma(), await currentActor(), { project: input.project, cycle: input.cycle, day: input.date, note: input.note }, today(), {
      origin: originFromHeaders(await headers()),
    });
    revalidatePath(`/projects/${input.project}`, 'layout');
    return `Recorded: ${input.project} ${input.cycle} is GA since ${formatPublishedDate(preview.day, 'DAY')}. The public API, feeds and calendars say so now; a maintainer can undo it here.`;
  });
}

export async function undoGaAction(input: { project: string; cycle: string; reason: string }): Promise<ActionResult> {
  return actionResult(async () => {
    const plan = await undoGa(await prisma(), await currentActor(), input);
    revalidatePath(`/projects/${input.project}`, 'layout');
    const planned = plan.milestones.GA.planned;
    return `Undone: ${input.project} ${input.cycle} is not GA any more${planned ? `; its GA is planned for ${formatPublishedDate(planned.date, planned.precision)}${planned.tentative ? ' (tentative)' : ''} again` : ''}. Recorded in the audit log.`;
  });
}
