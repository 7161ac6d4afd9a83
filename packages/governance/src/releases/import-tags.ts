import { dateOf, type PrismaClient } from '../db';
import { notFound } from '../errors';
import { IMPORT_TRANSACTION, ImportRejectedError } from './import-releases-md';
import { parseTags, type ParsedTag } from './parse-tags';
import { recordMilestone, type ChangeContext } from './record-milestone';
import { invalidatePublicCaches } from '../eol/public-cache';
import { getGaGate, scopeGateAfterHistory } from '../qualification/ga-gate';
import { requestQualification } from '../qualification/request-qualification';

export interface TagImportReport {
  source: string;
  added: number;
  known: number;
  changes: string[];
}

const FIRST_OF: Record<string, 'ALPHA' | 'BETA' | 'RC'> = { alpha: 'ALPHA', beta: 'BETA', rc: 'RC' };

/**
 * Imports tags as patch releases and pre-releases of their cycles, and sets what actually
 * happened: the first alpha, beta and RC tag and the x.y.0 GA of each cycle.
 */
export async function importTags(
  prisma: PrismaClient,
  options: { projectSlug: string; tsv: string; source: string; now?: Date },
): Promise<TagImportReport> {
  const { tags, problems } = parseTags(options.tsv);
  if (problems.length) throw new ImportRejectedError(options.source, problems);
  const project = await prisma.project.findUnique({ where: { slug: options.projectSlug } });
  if (!project) throw notFound(`No project "${options.projectSlug}"`);
  const byCycle = new Map<string, ParsedTag[]>();
  for (const tag of tags) {
    const name = `${tag.major}.${tag.minor}`;
    byCycle.set(name, [...(byCycle.get(name) ?? []), tag]);
  }
  const report: TagImportReport = { source: options.source, added: 0, known: 0, changes: [] };
  const newCandidates: string[] = [];
  await prisma.$transaction(async (tx) => {
    const context: ChangeContext = { source: `tags import (${options.source})`, changedAt: options.now ?? new Date(), report: report.changes };
    // A project's first release data is its history: the GA gate governs the releases after it.
    const gaTags = tags.filter((tag) => tag.patch === 0 && tag.preKind === null);
    const onboarding = await scopeGateAfterHistory(tx, project, gaTags, `tags import (${options.source})`, (newest) => `the GA tags up to ${newest}.0`);
    if (onboarding) report.changes.push(onboarding);
    for (const [name, cycleTags] of byCycle) {
      const [major, minor] = name.split('.').map(Number);
      let cycle = await tx.releaseCycle.findUnique({ where: { projectId_name: { projectId: project.id, name } } });
      if (!cycle) {
        cycle = await tx.releaseCycle.create({ data: { projectId: project.id, name, major, minor } });
        report.changes.push(`${name}: new release cycle (first tag ${cycleTags[0].tag})`);
      }
      const known = new Set((await tx.release.findMany({ where: { cycleId: cycle.id }, select: { tag: true } })).map((r) => r.tag));
      const fresh = cycleTags.filter((tag) => !known.has(tag.tag));
      report.known += cycleTags.length - fresh.length;
      report.added += fresh.length;
      await tx.release.createMany({
        data: fresh.map((tag) => ({
          cycleId: cycle.id,
          tag: tag.tag,
          patch: tag.patch,
          preKind: tag.preKind,
          preNumber: tag.preNumber,
          taggedAt: tag.taggedAt,
          taggedOn: dateOf(tag.localDay),
        })),
      });
      if (fresh.length) report.changes.push(`${name}: ${fresh.map((tag) => tag.tag).join(', ')}`);
      const ordered = [...cycleTags].sort((a, b) => a.taggedAt.getTime() - b.taggedAt.getTime());
      for (const [preKind, kind] of Object.entries(FIRST_OF)) {
        const first = ordered.find((tag) => tag.patch === 0 && tag.preKind === preKind);
        if (first) await recordMilestone(tx, cycle, kind, { actualOn: first.localDay }, context);
      }
      const ga = ordered.find((tag) => tag.patch === 0 && tag.preKind === null);
      if (ga) {
        // The GA gate: a GA tag does not make the release GA while its latest RC is not green.
        const gate = await getGaGate(tx, cycle.id);
        if (gate.open) await recordMilestone(tx, cycle, 'GA', { actualOn: ga.localDay }, context);
        else report.changes.push(`${name}: GA tag ${ga.tag} seen, but GA is blocked: ${gate.message}`);
      }
      // Release candidates of a release still before GA get qualified.
      const gaHappened = await tx.milestone.findFirst({ where: { cycleId: cycle.id, kind: 'GA', actualOn: { not: null } } });
      if (!gaHappened) newCandidates.push(...fresh.filter((tag) => tag.preKind === 'rc').map((tag) => tag.tag));
    }
  }, IMPORT_TRANSACTION);
  invalidatePublicCaches();
  for (const tag of newCandidates) {
    const { created } = await requestQualification(prisma, { projectSlug: options.projectSlug, tag, trigger: 'tag' });
    if (created) report.changes.push(`${tag}: qualification queued`);
  }
  return report;
}
