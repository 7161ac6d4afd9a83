'use server';

import { revalidatePath } from 'next/cache';
import { parseLogins, planWriteBack, sendWriteBack, updateKepTracking, updateLiaisons, WRITE_BACK_LABEL, type WriteBackPlan } from '@shepherd/governance';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { expectedFromForm, patchFromForm, toTrackingUpdate, toWriteBack, writeBackFromForm } from '@/lib/validation/kep';

// The KEP page's and liaison board's forms: people's decisions and GitHub write-back. Each goes
// through governance, which checks the role and writes the audit row.

export async function saveKepDecision(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const kep = String(form.get('kep'));
    const done = await updateKepTracking(await prisma(), await currentActor(), toTrackingUpdate(project, kep, patchFromForm(form)));
    revalidatePath(`/projects/${project}/keps`, 'layout');
    return `KEP-${kep}: ${done.join('; ')}.`;
  }, form);
}

export async function saveLiaisons(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const project = String(form.get('project'));
    const release = String(form.get('release'));
    const logins = parseLogins(String(form.get('logins') ?? ''), 'logins');
    await updateLiaisons(await prisma(), await currentActor(), { projectSlug: project, kubernetesRelease: release, logins, note: String(form.get('note') ?? '').trim() || null });
    revalidatePath(`/projects/${project}/keps`, 'layout');
    return `Kubernetes ${release} liaisons: ${logins.map((l) => `@${l}`).join(', ') || 'none'}.`;
  }, form);
}

export interface WriteBackState extends ActionResult {
  /** The dry run: exactly what "Send" will send. */
  plan?: WriteBackPlan;
  /** After a send: GitHub's answer. */
  sent?: { status: number | null; responseUrl: string | null };
}

/** Dry run or send, as the form says (`send=yes` only from the confirm button, with the previewed request). */
export async function writeBack(_previous: WriteBackState | null, form: FormData): Promise<WriteBackState> {
  // actionResult keeps the extra fields; its type only names the common ones.
  return actionResult(async () => {
    const project = String(form.get('project'));
    const kepNumber = String(form.get('kep'));
    const body = writeBackFromForm(form);
    const { input, config, options } = toWriteBack(project, kepNumber, body, today());
    const client = await prisma();
    const actor = await currentActor();
    if (body.dryRun) {
      const plan = await planWriteBack(client, actor, input, options);
      return { ok: true, message: `Dry run: ${plan.summary}. Nothing was sent.`, plan } satisfies WriteBackState;
    }
    const result = await sendWriteBack(client, actor, input, { ...options, config, note: body.note, expected: expectedFromForm(form) });
    revalidatePath(`/projects/${project}/keps`, 'layout');
    const what = WRITE_BACK_LABEL[result.plan.kind];
    return {
      ok: result.ok,
      message: result.ok ? `${what}: GitHub answered ${result.status}.` : `${what} failed: ${result.error}`,
      sent: { status: result.status, responseUrl: result.responseUrl },
    } satisfies WriteBackState;
  }, form) as Promise<WriteBackState>;
}
