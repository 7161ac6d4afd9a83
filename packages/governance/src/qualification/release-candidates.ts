import type { PrismaClient, Tx } from '../db';
import { parseTagVersion } from '../releases/parse-tags';

// The release candidates a cycle really has: its RC tags as the project knows them, from the tags
// import (Release rows) or the GitHub mirror (tags not mapped to a release yet). Qualifications
// only ever name one of these. "Newest" is one order everywhere: version order (patch, then RC
// number; rc.10 after rc.9), never tag dates, which real tags do not keep monotonic.

export interface RcTag {
  tag: string;
  patch: number;
  rc: number;
}

export function rcOf(tag: string): RcTag | null {
  const version = parseTagVersion(tag);
  return version?.preKind === 'rc' ? { tag, patch: version.patch, rc: version.preNumber ?? 0 } : null;
}

/** Newest first. */
export function byNewestRc(a: string, b: string): number {
  const x = rcOf(a);
  const y = rcOf(b);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return y.patch - x.patch || y.rc - x.rc;
}

/** The cycle's known RC tags, newest first. */
export async function listKnownRcs(prisma: PrismaClient | Tx, cycle: { id: number; projectId: number; major: number; minor: number }): Promise<string[]> {
  const prefix = `v${cycle.major}.${cycle.minor}.`;
  const [releases, mirrored] = await Promise.all([
    prisma.release.findMany({ where: { cycleId: cycle.id, preKind: 'rc' }, select: { tag: true } }),
    prisma.githubTag.findMany({ where: { repository: { projectId: cycle.projectId }, name: { startsWith: prefix } }, select: { name: true } }),
  ]);
  const tags = new Set([...releases.map((row) => row.tag), ...mirrored.map((row) => row.name)]);
  return [...tags].filter((tag) => {
    const version = parseTagVersion(tag);
    return version?.preKind === 'rc' && version.major === cycle.major && version.minor === cycle.minor;
  }).sort(byNewestRc);
}

/** Every tag the cycle has (for messages that say what exists instead), newest release first. */
export async function listCycleTags(prisma: PrismaClient | Tx, cycleId: number): Promise<string[]> {
  const rows = await prisma.release.findMany({ where: { cycleId }, orderBy: [{ patch: 'desc' }, { taggedAt: 'desc' }], select: { tag: true } });
  return rows.map((row) => row.tag);
}

/** "its known RCs: v2.4.0-rc.1, v2.4.0-rc.0" or "it has no RC tag yet (tags: v2.4.0-beta.0)". */
export async function describeKnownRcs(prisma: PrismaClient | Tx, cycle: { id: number; projectId: number; major: number; minor: number }, known?: string[]): Promise<string> {
  const rcs = known ?? (await listKnownRcs(prisma, cycle));
  if (rcs.length) return `its known RCs: ${rcs.join(', ')}`;
  const tags = await listCycleTags(prisma, cycle.id);
  return `it has no RC tag yet${tags.length ? ` (tags: ${tags.slice(0, 5).join(', ')})` : ''}`;
}
