import { stringify } from 'csv-stringify/sync';
import { getLiaisonBoard, invalidArgument, liaisonBoardCsv, liaisonBoardRecord, parseLogins, updateLiaisons, type PublicContext } from '@shepherd/governance';
import { publicJson, publicText } from '@/lib/api';
import { parseBody, withActor } from '@/lib/authorize';
import { LiaisonsPut } from '@/lib/validation/kep';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string; release: string }> };

/**
 * The liaison board of one Kubernetes release: every KEP SIG Node owns or takes part in that
 * targets it, with the release team's state, PRR, the project's tracking and what is left to do
 * before code freeze; `?sig=` keeps a SIG's, `format=csv` answers CSV. Public and cached.
 */
export async function GET(request: Request, { params }: Params) {
  const { project, release } = await params;
  const query = new URL(request.url).searchParams;
  const sig = query.get('sig')?.trim() || undefined;
  const csv = query.get('format') === 'csv';
  const version = release.replace(/^v/, '');
  const board = async ({ prisma, today }: PublicContext) => {
    if (!/^1\.\d{1,3}$/.test(version)) throw invalidArgument(`release: "${release}" is not a Kubernetes minor such as 1.37`, { field: 'release' });
    if (sig !== undefined && !/^[\w-]{1,60}$/.test(sig)) throw invalidArgument(`parameter "sig" ("${sig}"): not a SIG name such as sig-scheduling`, { field: 'sig' });
    return getLiaisonBoard(prisma, project, version, { today: new Date(`${today}T00:00:00Z`), sig });
  };
  const key = `liaison ${project} ${version} ${sig ?? ''}`;
  if (csv) return publicText(request, `${key} csv`, 'text/csv; charset=utf-8', async (context) => stringify(liaisonBoardCsv(await board(context))));
  return publicJson(request, key, async (context) => liaisonBoardRecord(await board(context)));
}

/** Replaces the SIG-Node liaisons of one Kubernetes release (`1.37`). Maintainers and admins of the project. */
export const PUT = withActor<{ project: string; release: string }>(async ({ request, actor, prisma, params }) => {
  const body = await parseBody(request, LiaisonsPut);
  const logins = parseLogins(body.logins.join(' '), 'logins');
  await updateLiaisons(prisma, actor, { projectSlug: params.project, kubernetesRelease: params.release, logins, note: body.note });
  return { kubernetesRelease: params.release.replace(/^v/, ''), logins };
});
