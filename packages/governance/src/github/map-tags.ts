import type { PrismaClient } from '../db';
import { importTags } from '../releases/import-tags';
import { parseTagVersion } from '../releases/parse-tags';

/** A release-candidate tag (vX.Y.Z-rc.N) seen for the first time and recorded as a Release. */
export interface ReleaseCandidateTagged {
  projectSlug: string;
  tag: string;
  cycle: string; // "2.4"
  taggedAt: Date;
}
type Listener = (event: ReleaseCandidateTagged) => void | Promise<void>;
const listeners = new Set<Listener>();

/**
 * Calls `listener` whenever sync or a webhook maps a new release-candidate tag onto its cycle
 * (after the Release row, the RC milestone's actual date and the qualification request exist).
 * Returns the function that unsubscribes it.
 */
export function onReleaseCandidateTagged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const gitDate = (date: Date) => date.toISOString().replace('T', ' ').slice(0, 19) + ' +0000';

/**
 * Turns mirrored tags that are not mapped yet into Releases of their cycles through the tags
 * import (which also sets first beta/RC/GA dates, keeps the GA gate and queues RC qualification).
 * A tag's date is its GitHub release's creation time; without a release, the time sync or a webhook
 * first saw it, but only for tags that appeared after the first full sync (older undated tags wait).
 */
export async function mapTagsToCycles(prisma: PrismaClient, repositoryId: number, projectSlug: string): Promise<{ mapped: string[]; undated: number }> {
  const repository = await prisma.githubRepository.findUniqueOrThrow({ where: { id: repositoryId } });
  const pending = await prisma.githubTag.findMany({ where: { repositoryId, mappedAt: null }, orderBy: { id: 'asc' } });
  if (!pending.length) return { mapped: [], undated: 0 };
  const releases = await prisma.githubRelease.findMany({ where: { repositoryId, tagName: { in: pending.map((tag) => tag.name) }, draft: false } });
  const releaseDate = new Map(releases.map((release) => [release.tagName, release.githubCreatedAt]));
  const now = new Date();
  const rows: string[] = [];
  const done: number[] = [];
  const candidates: ReleaseCandidateTagged[] = [];
  let undated = 0;
  for (const tag of pending) {
    const version = parseTagVersion(tag.name);
    if (!version) {
      done.push(tag.id); // not a release tag: nothing to map, ever
      continue;
    }
    const seenLive = repository.fullSyncedAt !== null && tag.firstSeenAt > repository.fullSyncedAt;
    const taggedAt = releaseDate.get(tag.name) ?? (seenLive ? tag.firstSeenAt : null);
    if (!taggedAt) {
      undated += 1;
      continue;
    }
    rows.push(`${tag.name}\t${gitDate(taggedAt)}`);
    done.push(tag.id);
    if (version.preKind === 'rc') candidates.push({ projectSlug, tag: tag.name, cycle: `${version.major}.${version.minor}`, taggedAt });
  }
  const project = await prisma.project.findUniqueOrThrow({ where: { slug: projectSlug } });
  const known = new Set(
    (await prisma.release.findMany({ where: { cycle: { projectId: project.id }, tag: { in: candidates.map((event) => event.tag) } }, select: { tag: true } })).map((row) => row.tag),
  );
  if (rows.length) await importTags(prisma, { projectSlug, tsv: `tag\tdate\n${rows.join('\n')}`, source: `GitHub ${repository.fullName}`, now });
  await prisma.githubTag.updateMany({ where: { id: { in: done } }, data: { mappedAt: now } });
  for (const event of candidates.filter((candidate) => !known.has(candidate.tag))) {
    for (const listener of listeners) await listener(event);
  }
  return { mapped: rows.map((row) => row.split('\t')[0]), undated };
}
