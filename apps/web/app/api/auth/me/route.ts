import { listRoleGrants } from '@shepherd/governance';
import { withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

/** Who the request is signed in as (session or API token), with their role grants. */
export const GET = withActor(async ({ actor, prisma }) => {
  if (actor.kind !== 'user') return { signedIn: false };
  return {
    signedIn: true,
    login: actor.login,
    instanceAdmin: actor.isInstanceAdmin,
    via: actor.via,
    scopes: actor.token?.scopes ?? null,
    roles: (await listRoleGrants(prisma, { login: actor.login })).map(({ project, role, cycle, kepNumber, source }) => ({ project, role, cycle, kepNumber, source })),
  };
});
