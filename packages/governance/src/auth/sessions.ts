import type { PrismaClient } from '../db';
import type { User } from '../db/generated/client';
import { generateToken, sha256 } from './secrets';

// Browser sessions, stored server-side: the cookie holds a random token, the table its sha256, so
// signing out, "sign out everywhere", a password change (the other sessions) or an admin's
// password reset ends a session at once.

export const SESSION_DAYS = 30;
const DAY_MS = 86_400_000;
// Extending expiry on every request would write on every page view; once a day is plenty.
const EXTEND_AFTER_MS = DAY_MS;

export async function createSession(prisma: PrismaClient, userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  await prisma.session.create({ data: { tokenHash: sha256(token), userId, expiresAt, lastSeenAt: now } });
  return { token, expiresAt };
}

/** The session's user, or null when the token is unknown, expired, or the user is disabled. Slides the expiry. */
export async function resolveSession(prisma: PrismaClient, token: string, now = new Date()): Promise<{ id: number; user: User; expiresAt: Date } | null> {
  if (!token) return null;
  const session = await prisma.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!session || session.user.disabledAt) return null;
  if (session.expiresAt <= now) {
    await prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > EXTEND_AFTER_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
    // updateMany: a session ended meanwhile (sign out everywhere) is not an error, just gone.
    const extended = await prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now, expiresAt } });
    return extended.count ? { id: session.id, user: session.user, expiresAt } : null;
  }
  return { id: session.id, user: session.user, expiresAt: session.expiresAt };
}

export async function deleteSession(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: sha256(token) } });
}
