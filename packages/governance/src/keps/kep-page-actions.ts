import type { PrismaClient } from '../db';
import { chooseKep } from './choose-kep';
import type { getKep } from './get-kep-views';
import { days } from './tracking-rules';
import type { WriteBackKind } from './write-back';

export interface KepPageActions {
  /** The number the project's tracking (and write-back) uses; a 0000 KEP has none. */
  number: string | null;
  /** Only the KEP its number means can get a tracking issue by that number. */
  numberMeansThis: boolean;
  /** The write-backs that make sense now: open the tracking issue, or keep an existing one up to date and nudge idle PRs. */
  writeBacks: { kind: WriteBackKind; pullRequest?: number }[];
  /** The release cycles a shipment may name (signed in, tracked KEPs only). */
  cycles: string[];
}

/** What a KEP's page may offer to do, decided from the KEP as `getKep` reads it. */
export async function getKepPageActions(
  prisma: PrismaClient,
  kepView: Awaited<ReturnType<typeof getKep>>,
  options: { today: Date; idleDays: number; signedIn: boolean },
): Promise<KepPageActions> {
  const { project, kep, others, tracking, trackedAs } = kepView;
  const number = tracking?.kepNumber ?? (kep?.enhancementIssue ? String(kep.enhancementIssue) : null);
  const numberMeansThis = kep !== null && number !== null && !trackedAs && chooseKep([{ ...kep }, ...others]).chosen?.key === kep.key;
  const idlePullRequests = (tracking?.pullRequests ?? []).filter((pr) => pr.state === 'open' && days(pr.lastActivityAt, options.today) >= options.idleDays);
  const writeBacks: KepPageActions['writeBacks'] = !tracking?.issueNumber
    ? numberMeansThis
      ? [{ kind: 'open-issue' }]
      : []
    : [{ kind: 'add-labels' }, { kind: 'set-milestone' }, { kind: 'assign-shepherds' }, ...idlePullRequests.map((pr) => ({ kind: 'nudge' as const, pullRequest: pr.number }))];
  const cycles =
    options.signedIn && tracking
      ? (await prisma.releaseCycle.findMany({ where: { projectId: project.id }, orderBy: [{ major: 'desc' }, { minor: 'desc' }], select: { name: true } })).map((cycle) => cycle.name)
      : [];
  return { number, numberMeansThis, writeBacks, cycles };
}
