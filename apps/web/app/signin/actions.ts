'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { storableText, verifyLocalSignIn } from '@shepherd/governance';
import { formValues, type ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { clientAddress } from '@/lib/http';
import { choosePasswordPath, clearSession, loginLimiter, safeNext, setSessionCookie } from '@/lib/session';

const SignIn = z.object({
  login: storableText(39).trim().min(1, 'enter your login'),
  password: storableText(200).min(1, 'enter your password'),
  next: z.string().optional(),
});

// Local sign-in (the embedded default, or a break-glass account). Rate limited per login and
// address, per account and per address (shared by every portal process); the answer never tells
// whether the login exists. A one-time password leads straight to choosing a new one.
export async function signIn(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const values = formValues(form);
  const parsed = SignIn.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return { ok: false, message: Object.values(fieldErrors).join('; '), fieldErrors, values };
  }
  const { login, password, next } = parsed.data;
  const address = clientAddress(await headers());
  const limiter = await loginLimiter();
  const wait = await limiter.check(address, login);
  if (wait !== null) {
    const minutes = Math.ceil(wait / 60);
    return { ok: false, message: `Too many failed sign-ins for ${login}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, values };
  }
  const signedIn = await verifyLocalSignIn(await prisma(), login, password);
  if (!signedIn) {
    await limiter.failed(address, login);
    // Which of the two was wrong is not said; the password is not sent back.
    return { ok: false, message: 'Wrong login or password.', fieldErrors: { password: 'wrong login or password' }, values };
  }
  await limiter.succeeded(address, login);
  await setSessionCookie(signedIn.user.id);
  redirect(signedIn.mustChoosePassword ? choosePasswordPath(safeNext(next)) : safeNext(next));
}

export async function signOut(): Promise<void> {
  await clearSession();
  redirect('/');
}
