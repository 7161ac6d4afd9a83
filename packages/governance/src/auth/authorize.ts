import type { Role } from '../db/generated/enums';
import { GovernanceError } from '../errors';
import type { Actor, Scope, UserActor } from './actor';

// The one policy table. Every mutation names an action and the resource it touches; `authorize`
// answers from this table alone, so "who may do what" is read and reviewed in one place.
// Instance administrators may do everything; an API token additionally needs the action's scope.

export interface Resource {
  projectId?: number;
  /** The release cycle (branch) the change touches. */
  cycleId?: number;
  kepNumber?: number;
  /** The user a self-service action (API tokens) acts on. */
  userId?: number;
}

interface Rule {
  /** What the action does, completed by the target: "change the support dates of" + "containerd 2.3". */
  what: string;
  /** The token scope the action needs. */
  scope: Scope;
  /** Who may, in words, for the denial message. */
  needs: string;
  allows: (actor: UserActor, resource: Resource) => boolean;
}

const holds = (actor: UserActor, resource: Resource, roles: Role[]) =>
  resource.projectId !== undefined && actor.grants.some((grant) => grant.projectId === resource.projectId && roles.includes(grant.role));

/** A release owner or LTS owner of exactly this cycle. */
const ownsCycle = (actor: UserActor, resource: Resource, roles: Role[]) =>
  resource.cycleId !== undefined &&
  actor.grants.some((grant) => grant.projectId === resource.projectId && roles.includes(grant.role) && grant.cycleId === resource.cycleId);

const shepherds = (actor: UserActor, resource: Resource) =>
  actor.grants.some(
    (grant) => grant.projectId === resource.projectId && grant.role === 'SHEPHERD' && (grant.kepNumber === null || grant.kepNumber === resource.kepNumber),
  );

const nobodyButInstanceAdmins = () => false;

export const POLICY = {
  'cycle.update-support': {
    what: 'change the support dates of',
    scope: 'write:releases',
    needs: "an admin or maintainer of the project, or the release owner / LTS owner of this cycle",
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']) || ownsCycle(actor, resource, ['RELEASE_OWNER', 'LTS_OWNER']),
  },
  'policy.update': {
    what: 'change the release policy of',
    scope: 'write:releases',
    needs: 'an admin or maintainer of the project',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']),
  },
  'plan.update': {
    what: 'change the release plan of',
    scope: 'write:releases',
    needs: 'an admin or maintainer of the project',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']),
  },
  'qualification.request': {
    what: 'request a release-candidate qualification of',
    scope: 'write:releases',
    needs: 'an admin or maintainer of the project, or the release owner of this cycle',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']) || ownsCycle(actor, resource, ['RELEASE_OWNER']),
  },
  'ga.override': {
    what: 'override the GA gate of',
    scope: 'write:releases',
    needs: 'an admin or maintainer of the project',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']),
  },
  'ga.record': {
    what: 'record the GA of',
    scope: 'write:releases',
    needs: 'an admin or maintainer of the project, or the release owner of this cycle',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']) || ownsCycle(actor, resource, ['RELEASE_OWNER']),
  },
  'ga.undo': {
    what: 'undo the GA of',
    scope: 'write:releases',
    needs: 'an admin or maintainer of the project',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']),
  },
  'ga.scope': {
    what: 'change the scope of',
    scope: 'write:releases',
    needs: 'an admin or maintainer of the project',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']),
  },
  'kep.update': {
    what: 'update',
    scope: 'write:keps',
    needs: 'an admin or maintainer of the project, or the shepherd of this KEP',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']) || shepherds(actor, resource),
  },
  // A shepherd moves KEPs; the liaisons of a Kubernetes release are the project's appointment of
  // maintainers who carry status to SIG-Node, so shepherds (even project-wide ones) cannot replace them.
  'kep.liaisons': {
    what: 'replace',
    scope: 'write:keps',
    needs: 'an admin or maintainer of the project',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']),
  },
  'kep.write-back': {
    what: 'write to GitHub for',
    scope: 'write:keps',
    needs: 'an admin or maintainer of the project, or the shepherd of this KEP',
    allows: (actor, resource) => holds(actor, resource, ['ADMIN', 'MAINTAINER']) || shepherds(actor, resource),
  },
  'role.grant': { what: 'grant a role on', scope: 'admin', needs: 'an admin of the project', allows: (actor, resource) => holds(actor, resource, ['ADMIN']) },
  'role.revoke': { what: 'revoke a role on', scope: 'admin', needs: 'an admin of the project', allows: (actor, resource) => holds(actor, resource, ['ADMIN']) },
  'audit.read': { what: 'read the audit log of', scope: 'admin', needs: 'an admin of the project', allows: (actor, resource) => holds(actor, resource, ['ADMIN']) },
  'token.create': { what: 'create an API token for', scope: 'admin', needs: 'the token owner or an instance admin', allows: (actor, resource) => resource.userId === actor.userId },
  'token.revoke': { what: 'revoke an API token of', scope: 'admin', needs: 'the token owner or an instance admin', allows: (actor, resource) => resource.userId === actor.userId },
  'project.create': { what: 'add the project', scope: 'admin', needs: 'an instance admin', allows: nobodyButInstanceAdmins },
  'user.create': { what: 'create the user', scope: 'admin', needs: 'an instance admin', allows: nobodyButInstanceAdmins },
  'user.list': { what: 'list', scope: 'admin', needs: 'an instance admin', allows: nobodyButInstanceAdmins },
  'user.reset-password': { what: 'reset the password of', scope: 'admin', needs: 'an instance admin', allows: nobodyButInstanceAdmins },
  'user.change-password': { what: 'change the password of', scope: 'admin', needs: 'the user themselves', allows: (actor, resource) => resource.userId === actor.userId },
  'user.sign-out-everywhere': { what: 'end every session of', scope: 'admin', needs: 'the user themselves', allows: (actor, resource) => resource.userId === actor.userId },
} satisfies Record<string, Rule>;

/** What a user signed in with a one-time password may do before choosing a real one. */
const WHILE_PASSWORD_PENDING: ReadonlySet<string> = new Set(['user.change-password', 'user.sign-out-everywhere']);
const PASSWORD_PENDING = 'choose a new password first (your account page, /admin/password)';

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export type Decision = { allowed: true } | { allowed: false; code: 'unauthenticated' | 'permission_denied'; reason: string };

export function authorize(actor: Actor, action: Action, resource: Resource): Decision {
  if (actor.kind === 'system') return { allowed: true };
  if (actor.kind === 'anonymous') return { allowed: false, code: 'unauthenticated', reason: 'sign in first (or send an API token as Authorization: Bearer)' };
  if (actor.passwordChangeRequired && !WHILE_PASSWORD_PENDING.has(action)) return { allowed: false, code: 'permission_denied', reason: PASSWORD_PENDING };
  const rule: Rule = POLICY[action];
  if (actor.token && !actor.token.scopes.includes(rule.scope)) {
    return { allowed: false, code: 'permission_denied', reason: `this API token lacks the "${rule.scope}" scope` };
  }
  if (actor.isInstanceAdmin || rule.allows(actor, resource)) return { allowed: true };
  return { allowed: false, code: 'permission_denied', reason: `${actor.login} is not ${rule.needs}` };
}

/** Throws `unauthenticated` (401) or `permission_denied` (403) naming what was refused and why. */
export function assertAuthorized(actor: Actor, action: Action, resource: Resource, target: string): void {
  const decision = authorize(actor, action, resource);
  if (!decision.allowed) {
    throw new GovernanceError(decision.code, `You cannot ${POLICY[action].what} ${target}: ${decision.reason}.`, { action, target });
  }
}

/** For functions that look things up before they can name the resource: anonymous callers learn nothing. */
export function assertSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new GovernanceError('unauthenticated', 'Sign in first (or send an API token as Authorization: Bearer).');
  if (actor.kind === 'user' && actor.passwordChangeRequired) throw new GovernanceError('permission_denied', `You signed in with a one-time password: ${PASSWORD_PENDING}.`);
}
