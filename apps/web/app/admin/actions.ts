'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { changeOwnPassword, createApiToken, createLocalUser, endAllSessions, grantRole, resetLocalPassword, revokeApiToken, revokeRole, SCOPES } from '@shepherd/governance';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor, safeNext, SESSION_COOKIE } from '@/lib/session';

// The admin pages' server actions. Each parses its form with zod and calls the governance
// function, which authorizes and audits; proxy.ts checks the request's Origin for every action,
// and actionResult refuses text the database cannot store, naming the field.

const text = (max: number) => z.string().trim().max(max);
const optional = (max: number) => text(max).transform((value) => value || null).nullable().optional();
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const fields = (form: FormData) => Object.fromEntries([...form.keys()].map((key) => [key, form.getAll(key).length > 1 ? form.getAll(key) : form.get(key)]));

const GrantForm = z.object({ project: text(63).min(1), login: text(39).min(1), role: text(20).min(1), cycle: optional(20), note: optional(500) });
export async function grantRoleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const input = GrantForm.parse(fields(form));
    const grant = await grantRole(await prisma(), await currentActor(), input);
    revalidatePath('/admin', 'layout');
    return `Granted ${grant.roleLabel} of ${grant.project}${grant.cycle ? ` ${grant.cycle}` : ''} to ${grant.login}.`;
  }, form);
}

const RevokeForm = z.object({ id: Id, note: optional(500) });
export async function revokeRoleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { id, note } = RevokeForm.parse(fields(form));
    const grant = await revokeRole(await prisma(), await currentActor(), id, note);
    revalidatePath('/admin', 'layout');
    return `Revoked ${grant.roleLabel} of ${grant.project} from ${grant.login}.`;
  }, form);
}

const TokenForm = z.object({
  name: text(100).min(1, 'name the token'),
  scopes: z.union([z.enum(SCOPES), z.array(z.enum(SCOPES))], { error: `choose scopes among ${SCOPES.join(', ')}` }).transform((value) => (Array.isArray(value) ? value : [value])),
  expiresInDays: z.union([z.literal('').transform(() => null), z.coerce.number().int().min(1).max(3650)]).optional(),
  login: optional(39),
});
export async function createTokenAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { login, ...input } = TokenForm.parse(fields(form));
    const { token, view } = await createApiToken(await prisma(), await currentActor(), { ...input, ...(login ? { login } : {}) });
    revalidatePath('/admin/tokens');
    return { ok: true, message: `Created the token "${view.name}" of ${view.owner}:`, secret: token };
  }, form);
}

export async function revokeTokenAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { id } = RevokeForm.parse(fields(form));
    const view = await revokeApiToken(await prisma(), await currentActor(), id);
    revalidatePath('/admin/tokens');
    return `Revoked "${view.name}".`;
  }, form);
}

const UserForm = z.object({ login: text(39).min(1), name: optional(100), instanceAdmin: z.literal('on').optional() });
export async function createUserAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const input = UserForm.parse(fields(form));
    const { user, password } = await createLocalUser(await prisma(), await currentActor(), { ...input, instanceAdmin: input.instanceAdmin === 'on' });
    revalidatePath('/admin/users');
    return { ok: true, message: `Created ${user.login}; their one-time password:`, secret: password };
  }, form);
}

const count = (n: number, what: string, done: string) => `${n} ${what}${n === 1 ? '' : 's'} ${done}`;

const ResetForm = z.object({ login: text(39).min(1) });
export async function resetPasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { login } = ResetForm.parse(fields(form));
    const reset = await resetLocalPassword(await prisma(), await currentActor(), login);
    revalidatePath('/admin/users');
    const ended = `${count(reset.sessionsEnded, 'session', 'signed out')}, ${count(reset.tokensRevoked, 'API token', 'revoked')}`;
    return { ok: true, message: `New one-time password for ${login} (${ended}):`, secret: reset.password };
  }, form);
}

const PasswordForm = z
  .object({ currentPassword: z.string().max(200).optional(), newPassword: z.string().max(200), newPasswordAgain: z.string().max(200), next: z.string().optional() })
  .refine((form) => form.newPassword === form.newPasswordAgain, { path: ['newPasswordAgain'], message: 'the two new passwords differ' });

/** Chooses a password after a one-time one (then goes on to `next`), or changes it; other sessions end. */
export async function changePasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let next: string | null = null;
  const result = await actionResult(async () => {
    const input = PasswordForm.parse(fields(form));
    const actor = await currentActor();
    const choosing = actor.kind === 'user' && actor.passwordChangeRequired === true;
    const { otherSessionsEnded } = await changeOwnPassword(await prisma(), actor, { current: input.currentPassword, next: input.newPassword });
    if (choosing) next = safeNext(input.next);
    return otherSessionsEnded ? `Password changed; ${count(otherSessionsEnded, 'other session', otherSessionsEnded === 1 ? 'was signed out' : 'were signed out')}.` : 'Password changed.';
  }, form);
  // Outside actionResult: a redirect is not an error to report.
  if (next) redirect(next);
  return result;
}

/** Ends every session of the signed-in user, this one included, and says so on the sign-in page. */
export async function signOutEverywhereAction(): Promise<void> {
  await endAllSessions(await prisma(), await currentActor());
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/signin?signedOut=everywhere');
}
