import { parseLogins, updateLiaisons } from '@shepherd/governance';
import { parseBody, withActor } from '@/lib/authorize';
import { LiaisonsPut } from '../../../../../../projects/[project]/keps/kep.validation';

export const dynamic = 'force-dynamic';

/** Replaces the SIG-Node liaisons of one Kubernetes release (`1.37`). Maintainers and admins of the project. */
export const PUT = withActor<{ project: string; release: string }>(async ({ request, actor, prisma, params }) => {
  const body = await parseBody(request, LiaisonsPut);
  const logins = parseLogins(body.logins.join(' '), 'logins');
  await updateLiaisons(prisma, actor, { projectSlug: params.project, kubernetesRelease: params.release, logins, note: body.note });
  return { kubernetesRelease: params.release.replace(/^v/, ''), logins };
});
