import { loadPolicies } from '@shepherd/governance/projects/load-policies';
import { findProject } from '@shepherd/governance/releases/get-releases';
import { savePolicies } from '@shepherd/governance/planning/save-policies';
import { readJson, withActor } from '@/lib/authorize';
import { today } from '@/lib/today';

export const dynamic = 'force-dynamic';

/** The project's release policies, versioned, as stored (the body PUT takes back). */
export const GET = withActor<{ project: string }>(async ({ prisma, params }) => ({ policies: await loadPolicies(prisma, (await findProject(prisma, params.project)).id) }));

/**
 * Saves candidate policies (maintainers): new versions take effect today or later; versions in
 * force are history and cannot change. Answers the saved list and the schedule change it made.
 */
export const PUT = withActor<{ project: string }>(async ({ request, actor, prisma, params }) => {
  return savePolicies(prisma, actor, params.project, await readJson(request, { expected: 'JSON: { "policies": [ … ] }' }), today());
});
