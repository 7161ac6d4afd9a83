import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import {
  ANONYMOUS,
  createLoginLimiter,
  createSession,
  deleteSession,
  loadUserActor,
  resolveApiToken,
  resolveSession,
  safeNext,
  SESSION_DAYS,
  type Actor,
  type LoginLimiter,
  type UserActor,
} from '@shepherd/governance';
import { prisma } from './database';
import { originFromHeaders } from './http';
import { SESSION_COOKIE } from './session-cookie';

export { safeNext, SESSION_COOKIE };
export { startAuth } from './first-admin';

// Who is signed in: the session cookie (browsers) or an API token (automation). The cookie holds an
// opaque random token; the database keeps its hash (packages/governance/src/auth/sessions.ts).

type HeaderSource = { get(name: string): string | null };

/** Secure cookies whenever the portal is reached over https (SHEPHERD_PUBLIC_URL, or a trusted TLS proxy). */
export const isHttps = (source: HeaderSource) => originFromHeaders(source).startsWith('https:');

export async function setSessionCookie(userId: number): Promise<void> {
  const { token, expiresAt } = await createSession(await prisma(), userId);
  const jar = await cookies();
  jar.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: isHttps(await headers()), path: '/', expires: expiresAt, maxAge: SESSION_DAYS * 86_400 });
}

export async function clearSession(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession(await prisma(), token);
  jar.delete(SESSION_COOKIE);
}

async function actorFromCookie(token: string | undefined): Promise<Actor> {
  if (!token) return ANONYMOUS;
  const client = await prisma();
  const session = await resolveSession(client, token);
  return session ? loadUserActor(client, session.user, 'session', { sessionId: session.id }) : ANONYMOUS;
}

/** The actor of the current page render or server action (once per request). */
export const currentActor = cache(async (): Promise<Actor> => actorFromCookie((await cookies()).get(SESSION_COOKIE)?.value));

/** A cookie value as set (percent-encoded); a malformed one is no session rather than an error. */
function decodeCookie(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The actor of a route handler's request: a Bearer token wins over the cookie; a bad token is never anonymous. */
export async function actorFromRequest(request: Request): Promise<{ actor: Actor; via: 'token' | 'cookie' | 'none' } | { invalidToken: true }> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const client = await prisma();
    const resolved = bearer ? await resolveApiToken(client, bearer) : null;
    if (!resolved) return { invalidToken: true };
    return { actor: await loadUserActor(client, resolved.user, 'token', { token: resolved.token }), via: 'token' };
  }
  const token = /(?:^|;\s*)shepherd_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  if (!token) return { actor: ANONYMOUS, via: 'none' };
  return { actor: await actorFromCookie(decodeCookie(token)), via: 'cookie' };
}

const state = globalThis as typeof globalThis & { shepherdLoginLimiter?: LoginLimiter };

/**
 * Failed sign-ins, counted in the database so every portal process shares them.
 * SHEPHERD_LOGIN_ATTEMPTS: failures allowed per login and address in 15 minutes (default 10); an
 * account takes five times that in an hour from all addresses together.
 */
export async function loginLimiter(): Promise<LoginLimiter> {
  state.shepherdLoginLimiter ??= createLoginLimiter(await prisma(), { perLogin: Number(process.env.SHEPHERD_LOGIN_ATTEMPTS) || undefined });
  return state.shepherdLoginLimiter;
}

/** The OAuth state cookie: "<state>|<next path>", scoped to the GitHub sign-in routes. */
export const OAUTH_STATE_COOKIE = 'shepherd_oauth_state';

/** A redirect whose headers stay mutable, so cookies set through next/headers are added to it. */
export const seeOther = (location: string, status = 303) => new Response(null, { status, headers: { Location: location, 'Cache-Control': 'no-store' } });

/** Where a session opened with a one-time password must go first, coming back to `next`. */
export const choosePasswordPath = (next: string) => `/admin/password?next=${encodeURIComponent(safeNext(next))}`;

/**
 * The signed-in user of a page, or a redirect to the sign-in page that comes back to `path`; a
 * session opened with a one-time password is sent to choose a new password first.
 */
export async function requireUser(path: string): Promise<UserActor> {
  const actor = await currentActor();
  if (actor.kind !== 'user') redirect(`/signin?next=${encodeURIComponent(path)}`);
  if (actor.passwordChangeRequired) redirect(choosePasswordPath(path));
  return actor;
}
