import { getKep, invalidArgument, kepRecord } from '@shepherd/governance';
import { updateKepTracking } from '@shepherd/governance';
import { publicJson } from '@/lib/api';
import { parseBody, withActor } from '@/lib/authorize';
import { KepTrackingPatch, toTrackingUpdate } from '@/lib/validation/kep';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string; number: string }> };

/**
 * One KEP joined with everything Shepherd knows of it: kep.yaml, its PRR approvals, the Kubernetes
 * release team's state in each release, the project's tracking, exceptions and history. By number
 * (a number several KEPs share means sig-node's, and names the others); `?key=<sig>/<directory>`
 * picks one directory. Public and cached per data version and day.
 */
export async function GET(request: Request, { params }: Params) {
  const { project, number } = await params;
  const key = new URL(request.url).searchParams.get('key');
  return publicJson(request, `kep ${project} ${number} ${key ?? ''}`, async ({ prisma, today }) => {
    if (!/^\d{1,6}$/.test(number)) throw invalidArgument(`"${number}" is not a KEP number`, { field: 'number' });
    if (key !== null && (!/^[\w.-]+(\/[\w.-]+)+$/.test(key) || key.split('/').includes('..') || !key.split('/').at(-1)!.startsWith(`${number}-`))) {
      throw invalidArgument(`key: "${key}" is not the directory of a KEP numbered ${number}`, { field: 'key' });
    }
    return kepRecord(await getKep(prisma, project, key ?? number, { today: new Date(`${today}T00:00:00Z`) }));
  });
}

/**
 * People's decisions on a tracked KEP: `state` (AT_RISK, DEFERRED, WITHDRAWN stay until changed;
 * the others hand back to the derived state), `shipment` { stage, cycle }, `shepherds` (1–2 logins).
 * Maintainers and admins of the project, or the KEP's shepherd (API token with write:keps).
 */
export const PATCH = withActor<{ project: string; number: string }>(async ({ request, actor, prisma, params }) => {
  const patch = await parseBody(request, KepTrackingPatch);
  return { done: await updateKepTracking(prisma, actor, toTrackingUpdate(params.project, params.number, patch)) };
});
