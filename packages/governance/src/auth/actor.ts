import type { Role } from '../db/generated/enums';

// Who is asking. Every mutation and every protected read takes an Actor; the web app builds it
// from the session cookie or the Bearer token, the CLI acts as the machine's operator.

export const SCOPES = ['read', 'write:releases', 'write:keps', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLES = ['ADMIN', 'MAINTAINER', 'RELEASE_OWNER', 'LTS_OWNER', 'SHEPHERD', 'LIAISON', 'VIEWER'] as const satisfies readonly Role[];

/** Roles held for one cycle only. */
export const CYCLE_ROLES: readonly Role[] = ['RELEASE_OWNER', 'LTS_OWNER'];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'admin',
  MAINTAINER: 'maintainer',
  RELEASE_OWNER: 'release owner',
  LTS_OWNER: 'LTS owner',
  SHEPHERD: 'shepherd',
  LIAISON: 'liaison',
  VIEWER: 'viewer',
};

export interface Grant {
  projectId: number;
  role: Role;
  cycleId: number | null;
  kepNumber: number | null;
}

export interface UserActor {
  kind: 'user';
  userId: number;
  login: string;
  isInstanceAdmin: boolean;
  grants: Grant[];
  via: 'session' | 'token';
  /** Set when the request came with an API token: the token's id and scopes narrow the user's roles. */
  token?: { id: number; scopes: Scope[] };
  /** The session the request came with (a password change keeps it and ends the others). */
  sessionId?: number;
  /** Signed in with a one-time password: nothing is allowed but choosing a new one (or signing out). */
  passwordChangeRequired?: boolean;
}

export type Actor =
  | { kind: 'anonymous' }
  | UserActor
  /** A command run on the server itself (npm run admin, first start): the operator owns the machine. */
  | { kind: 'system'; name: 'cli' | 'system' };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const CLI: Actor = { kind: 'system', name: 'cli' };
export const SYSTEM: Actor = { kind: 'system', name: 'system' };

export const actorName = (actor: Actor): string => (actor.kind === 'user' ? actor.login : actor.kind === 'system' ? actor.name : 'anonymous');
