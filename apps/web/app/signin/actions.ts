'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { verifyLocalSignIn } from '@shepherd/governance';
import type { ActionResult } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { clearSession, clientAddress, loginLimiter, safeNext, setSessionCookie } from '@/lib/session';

const SignIn = z.object({
  login: z.string().trim().min(1, 'enter your login').max(39),
  password: z.string().min(1, 'enter your password').max(200),
  next: z.string().optional(),
});

// Local sign-in (the embedded default, or a break-glass account). Rate limited per login and
// address; the answer never tells whether the login exists.
export async function signIn(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = SignIn.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), fields: parsed.error.issues.map((issue) => String(issue.path[0])) };
  }
  const { login, password, next } = parsed.data;
  const address = clientAddress(await headers());
  const limiter = loginLimiter();
  const wait = await limiter.check(address, login);
  if (wait !== null) return { ok: false, message: `Too many failed sign-ins for ${login}; try again in ${Math.ceil(wait / 60)} minute(s).` };
  const user = await verifyLocalSignIn(await prisma(), login, password);
  if (!user) {
    await limiter.failed(address, login);
    return { ok: false, message: 'Wrong login or password.', fields: ['login', 'password'] };
  }
  await limiter.succeeded(address, login);
  await setSessionCookie(user.id);
  redirect(safeNext(next));
}

export async function signOut(): Promise<void> {
  await clearSession();
  redirect('/');
}
