'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeOwnPassword, createApiToken, createLocalUser, grantRole, resetLocalPassword, revokeApiToken, revokeRole, SCOPES } from '@shepherd/governance';
import { actionResult, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';

// The admin pages' server actions. Each parses its form with zod and calls the governance
// function, which authorizes and audits; Next checks the request's Origin for every action.

const text = (max: number) => z.string().trim().max(max);
const optional = (max: number) => text(max).transform((value) => value || null).nullable().optional();
const Id = z.coerce.number().int().positive();
const fields = (form: FormData) => Object.fromEntries([...form.keys()].map((key) => [key, form.getAll(key).length > 1 ? form.getAll(key) : form.get(key)]));

const GrantForm = z.object({ project: text(63).min(1), login: text(39).min(1), role: text(20).min(1), cycle: optional(20), note: optional(500) });
export async function grantRoleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const input = GrantForm.parse(fields(form));
    const grant = await grantRole(await prisma(), await currentActor(), input);
    revalidatePath('/admin', 'layout');
    return `Granted ${grant.roleLabel} of ${grant.project}${grant.cycle ? ` ${grant.cycle}` : ''} to ${grant.login}.`;
  });
}

const RevokeForm = z.object({ id: Id, note: optional(500) });
export async function revokeRoleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { id, note } = RevokeForm.parse(fields(form));
    const grant = await revokeRole(await prisma(), await currentActor(), id, note);
    revalidatePath('/admin', 'layout');
    return `Revoked ${grant.roleLabel} of ${grant.project} from ${grant.login}.`;
  });
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
  });
}

export async function revokeTokenAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { id } = RevokeForm.parse(fields(form));
    const view = await revokeApiToken(await prisma(), await currentActor(), id);
    revalidatePath('/admin/tokens');
    return `Revoked "${view.name}".`;
  });
}

const UserForm = z.object({ login: text(39).min(1), name: optional(100), instanceAdmin: z.literal('on').optional() });
export async function createUserAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const input = UserForm.parse(fields(form));
    const { user, password } = await createLocalUser(await prisma(), await currentActor(), { ...input, instanceAdmin: input.instanceAdmin === 'on' });
    revalidatePath('/admin/users');
    return { ok: true, message: `Created ${user.login}; their one-time password:`, secret: password };
  });
}

const ResetForm = z.object({ login: text(39).min(1) });
export async function resetPasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { login } = ResetForm.parse(fields(form));
    const password = await resetLocalPassword(await prisma(), await currentActor(), login);
    return { ok: true, message: `New one-time password for ${login} (their sessions were ended):`, secret: password };
  });
}

const PasswordForm = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) });
export async function changePasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return actionResult(async () => {
    const { currentPassword, newPassword } = PasswordForm.parse(fields(form));
    await changeOwnPassword(await prisma(), await currentActor(), currentPassword, newPassword);
    return 'Password changed.';
  });
}
