import { createHash } from 'node:crypto';
import { dayOf, type PrismaClient, type Tx } from '../db';
import { GovernanceError, notFound } from '../errors';
import { parseReleasesMd, type ImportProblem, type ParsedCycle, type ParsedReleasesDoc, type Phase } from './parse-releases-md';
import { recordMilestone, type ChangeContext } from './record-milestone';
import { invalidatePublicCaches } from '../eol/public-cache';
import { getGaGate, scopeGateAfterHistory } from '../qualification/ga-gate';

export interface ImportReport {
  project: string;
  source: string;
  changes: string[];
  cycles: { created: number; updated: number; unchanged: number };
  /** What the file no longer holds: cycles gone from the release table, whole tables, matrix rows. */
  removals: string[];
  /** Nothing was written (`dryRun`). */
  dryRun: boolean;
}

export class ImportRejectedError extends GovernanceError {
  constructor(
    readonly source: string,
    readonly problems: ImportProblem[],
  ) {
    super(
      'invalid_argument',
      `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing imported:\n` +
        problems.map((problem) => `  ${source}:${problem.line} (${problem.table}) ${problem.message}`).join('\n'),
      { problems },
    );
    this.name = 'ImportRejectedError';
  }
}

/** An import that would remove rows, refused without consent (`allowRemovals`): names every row that would go. */
export class RemovalsRefusedError extends GovernanceError {
  constructor(
    readonly source: string,
    readonly removals: string[],
  ) {
    super(
      'failed_precondition',
      `${source}: the import would remove ${removals.length} record${removals.length === 1 ? '' : 's'}, nothing imported ` +
        `(a truncated file?). Re-run with --allow-removals if they really went:\n` +
        removals.map((removal) => `  ${removal}`).join('\n'),
      { removals },
    );
    this.name = 'RemovalsRefusedError';
  }
}

/** Thrown inside the transaction to roll a dry run back once its report is complete. */
class DryRunRollback extends Error {}

// Interactive transactions default to 5 s; a first import writes a few hundred rows.
export const IMPORT_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

export async function upsertPeople(tx: Tx, logins: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const login of logins) {
    const person = await tx.person.upsert({
      where: { login },
      create: { login, isTeam: login.includes('/') },
      update: {},
    });
    ids.set(login, person.id);
  }
  return ids;
}

const RELEASED_PHASES: readonly Phase[] = ['ACTIVE', 'EXTENDED', 'END_OF_LIFE'];

/**
 * LTS is history, not only today's table: "Extended" and "End of Life" do not say whether a branch
 * was LTS, so a released branch that was LTS stays LTS. A planned LTS that is no longer planned
 * ("LTS (_future_)" becoming "_Future_") loses the flag.
 */
export function keepsLts(existing: { isLts: boolean; publishedPhase: Phase | null } | null, phase: Phase): boolean {
  return Boolean(existing?.isLts) && RELEASED_PHASES.includes(phase) && (existing!.publishedPhase === null || RELEASED_PHASES.includes(existing!.publishedPhase));
}

async function importCycle(tx: Tx, projectId: number, parsed: ParsedCycle, doc: ParsedReleasesDoc, context: ChangeContext) {
  const footnote = doc.footnotes.find((note) => note.stars === parsed.footnote);
  const existing = await tx.releaseCycle.findUnique({
    where: { projectId_name: { projectId, name: parsed.name } },
    include: { owners: { include: { person: true }, orderBy: { position: 'asc' } } },
  });
  const isLts = parsed.isLts || keepsLts(existing, parsed.phase);
  const data = {
    publishedStatus: parsed.status,
    publishedPhase: parsed.phase,
    isLts,
    link: parsed.link,
    extendedSupportNote: footnote?.text ?? null,
    extendedSupportKubernetes: footnote?.kubernetesVersions ?? [],
  };
  const cycle = existing
    ? await tx.releaseCycle.update({ where: { id: existing.id }, data })
    : await tx.releaseCycle.create({ data: { projectId, name: parsed.name, major: parsed.major, minor: parsed.minor, ...data } });
  const before = context.report.length;
  if (!existing) context.report.push(`${parsed.name}: new release cycle (${parsed.status})`);
  else {
    if (existing.publishedStatus !== parsed.status) context.report.push(`${parsed.name}: status ${existing.publishedStatus} → ${parsed.status}`);
    if (existing.isLts !== isLts) context.report.push(`${parsed.name}: ${isLts ? 'now LTS' : 'no longer LTS'}`);
    if ((existing.extendedSupportNote ?? null) !== data.extendedSupportNote) context.report.push(`${parsed.name}: extended support note changed`);
  }

  // The table's start is the GA: planned as written, and happened unless it is still tentative.
  await recordMilestone(
    tx,
    cycle,
    'GA',
    {
      plannedOn: parsed.start?.date ?? null,
      plannedPrecision: parsed.start?.precision ?? 'DAY',
      tentative: parsed.start?.tentative ?? false,
    },
    context,
  );
  if (parsed.start && !parsed.start.tentative) {
    const ga = await tx.milestone.findUnique({ where: { cycleId_kind: { cycleId: cycle.id, kind: 'GA' } } });
    if (!ga?.actualOn && parsed.start.date > dayOf(context.changedAt)) {
      context.report.push(`${parsed.name}: the table's start ${parsed.start.date} is still ahead, so GA is planned, not recorded`);
    } else if (!ga?.actualOn) {
      // The table saying a release started does not make it GA while its gate is closed.
      const gate = await getGaGate(tx, cycle.id);
      if (gate.open) await recordMilestone(tx, cycle, 'GA', { actualOn: parsed.start.date }, context);
      else context.report.push(`${parsed.name}: the table says GA on ${parsed.start.date}, but GA is blocked (not recorded): ${gate.message}`);
    }
  }
  await recordMilestone(
    tx,
    cycle,
    'EOL',
    {
      plannedOn: parsed.endOfLife?.date ?? null,
      plannedPrecision: parsed.endOfLife?.precision ?? 'DAY',
      tentative: parsed.endOfLife?.tentative ?? false,
    },
    context,
  );
  if (footnote?.activeSupportUntil) {
    await recordMilestone(
      tx,
      cycle,
      'END_OF_ACTIVE_SUPPORT',
      { plannedOn: footnote.activeSupportUntil.date, plannedPrecision: footnote.activeSupportUntil.precision, tentative: false },
      context,
    );
  }

  const role = isLts ? 'LTS_OWNER' : 'RELEASE_OWNER';
  const previous = (existing?.owners ?? []).map((owner) => `${owner.person.login}:${owner.role}`).join(',');
  const next = parsed.owners.map((login) => `${login}:${role}`).join(',');
  if (previous !== next) {
    await tx.cycleOwner.deleteMany({ where: { cycleId: cycle.id } });
    const people = await upsertPeople(tx, parsed.owners);
    await tx.cycleOwner.createMany({
      data: parsed.owners.map((login, position) => ({ cycleId: cycle.id, personId: people.get(login)!, role, position })),
    });
    if (existing) {
      const names = (list: string[]) => (list.length ? list.map((login) => `@${login}`).join(', ') : 'none');
      const before = existing.owners.map((owner) => owner.person.login);
      const sameLogins = names(before) === names(parsed.owners);
      context.report.push(
        sameLogins
          ? `${parsed.name}: owners ${names(parsed.owners)} now ${role === 'LTS_OWNER' ? 'LTS owners' : 'release owners'}`
          : `${parsed.name}: owners ${names(before)} → ${names(parsed.owners)}`,
      );
    }
  }
  return !existing ? 'created' : context.report.length > before ? 'updated' : 'unchanged';
}

async function importKubernetes(tx: Tx, projectId: number, doc: ParsedReleasesDoc, report: string[], removals: string[]) {
  const existing = await tx.kubernetesSupport.findMany({
    where: { projectId },
    include: { entries: { include: { cycle: true } } },
  });
  const describe = (entries: { cycle: string; minimumVersion: string }[], cri: string) =>
    `${entries.map((entry) => `${entry.minimumVersion}+`).join(', ')} (CRI ${cri})`;
  const cycles = await tx.releaseCycle.findMany({ where: { projectId } });
  const cycleId = new Map(cycles.map((cycle) => [cycle.name, cycle.id]));
  for (const [position, row] of doc.kubernetes.entries()) {
    const old = existing.find((support) => support.kubernetesVersion === row.kubernetesVersion);
    const oldText = old ? describe(old.entries.map((entry) => ({ cycle: entry.cycle.name, minimumVersion: entry.minimumVersion })), old.criVersion) : null;
    const newText = describe(row.entries, row.criVersion);
    if (oldText !== newText) report.push(`Kubernetes ${row.kubernetesVersion}: ${oldText ? `${oldText} → ` : 'new row, '}${newText}`);
    const support = await tx.kubernetesSupport.upsert({
      where: { projectId_kubernetesVersion: { projectId, kubernetesVersion: row.kubernetesVersion } },
      create: { projectId, kubernetesVersion: row.kubernetesVersion, criVersion: row.criVersion, position },
      update: { criVersion: row.criVersion, position },
    });
    await tx.kubernetesSupportEntry.deleteMany({ where: { supportId: support.id } });
    for (const entry of row.entries) {
      let id = cycleId.get(entry.cycle);
      if (!id) {
        // A matrix may name a minor the release table does not list yet.
        const [major, minor] = entry.cycle.split('.').map(Number);
        id = (await tx.releaseCycle.create({ data: { projectId, name: entry.cycle, major, minor } })).id;
        cycleId.set(entry.cycle, id);
        report.push(`${entry.cycle}: new release cycle (named by the Kubernetes ${row.kubernetesVersion} row)`);
      }
      await tx.kubernetesSupportEntry.create({ data: { supportId: support.id, cycleId: id, minimumVersion: entry.minimumVersion } });
    }
  }
  const gone = existing.filter((old) => !doc.kubernetes.some((row) => row.kubernetesVersion === old.kubernetesVersion));
  if (doc.kubernetes.length === 0 && gone.length) removals.push(`the whole Kubernetes support table (${gone.length} rows: Kubernetes ${gone.map((old) => old.kubernetesVersion).join(', ')})`);
  for (const old of gone) {
    if (doc.kubernetes.length) removals.push(`Kubernetes support row ${old.kubernetesVersion}`);
    report.push(`Kubernetes ${old.kubernetesVersion}: no longer in the matrix (removed)`);
    await tx.kubernetesSupport.delete({ where: { id: old.id } });
  }

  // The older inverted table is kept as published: rows are compared by their text.
  const legacyText = (row: { runtimeVersions: string; kubernetesVersions: string; criVersion: string }) => `${row.runtimeVersions} | ${row.kubernetesVersions} | ${row.criVersion}`;
  const oldLegacy = await tx.legacyKubernetesSupport.findMany({ where: { projectId }, orderBy: { position: 'asc' } });
  const newLegacy = new Set(doc.legacyKubernetes.map(legacyText));
  const legacyGone = oldLegacy.filter((row) => !newLegacy.has(legacyText(row)));
  if (doc.legacyKubernetes.length === 0 && legacyGone.length) removals.push(`the whole older Kubernetes table (${legacyGone.length} rows)`);
  else for (const row of legacyGone) removals.push(`older Kubernetes table row "${legacyText(row)}"`);
  const oldTexts = new Set(oldLegacy.map(legacyText));
  for (const row of legacyGone) report.push(`older Kubernetes table: removed "${legacyText(row)}"`);
  for (const row of doc.legacyKubernetes) if (!oldTexts.has(legacyText(row))) report.push(`older Kubernetes table: new row "${legacyText(row)}"`);
  await tx.legacyKubernetesSupport.deleteMany({ where: { projectId } });
  await tx.legacyKubernetesSupport.createMany({
    data: doc.legacyKubernetes.map(({ line: _line, ...row }, position) => ({ projectId, position, ...row })),
  });
}

async function importDeprecations(tx: Tx, projectId: number, doc: ParsedReleasesDoc, report: string[]) {
  for (const row of doc.deprecations) {
    const { line: _line, ...data } = row;
    const key = { projectId, kind: row.kind, component: row.component, propertyGroup: row.propertyGroup };
    const existing = await tx.deprecation.findUnique({ where: { projectId_kind_component_propertyGroup: key } });
    if (!existing) {
      report.push(`deprecation: ${row.component} (deprecated in ${row.deprecatedIn ?? '-'}, removal ${row.removalTargetText})`);
      await tx.deprecation.create({ data: { projectId, ...data } });
    } else if (existing.removalTargetText !== row.removalTargetText || existing.recommendation !== row.recommendation || existing.deprecatedIn !== row.deprecatedIn) {
      report.push(`deprecation: ${row.component}: removal ${existing.removalTargetText} → ${row.removalTargetText}`);
      await tx.deprecation.update({ where: { id: existing.id }, data });
    }
  }
}

/**
 * Imports a project's RELEASES.md in one transaction and reports what changed. Any row it cannot
 * read rejects the whole import with every problem and its line number. An import that would remove
 * a release cycle from the table, a whole table or matrix rows is refused, naming them, unless
 * `allowRemovals` (a file cut short looks exactly like that). `dryRun` runs the same import and
 * rolls it back: the report is what a real run would do, and nothing is written.
 */
export async function importReleasesMd(
  prisma: PrismaClient,
  options: { projectSlug: string; markdown: string; source: string; now?: Date; dryRun?: boolean; allowRemovals?: boolean },
): Promise<ImportReport> {
  const doc = parseReleasesMd(options.markdown);
  if (doc.problems.length) throw new ImportRejectedError(options.source, doc.problems);
  const project = await prisma.project.findUnique({ where: { slug: options.projectSlug } });
  if (!project) throw notFound(`No project "${options.projectSlug}"`);
  const report: string[] = [];
  const removals: string[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const dryRun = options.dryRun ?? false;
  try {
    await prisma.$transaction(async (tx) => {
      const context: ChangeContext = { source: `RELEASES.md import (${options.source})`, changedAt: options.now ?? new Date(), report };
      // A project's first release table is its history: the GA gate governs the releases after it.
      const released = doc.cycles.filter((cycle) => cycle.start && !cycle.start.tentative);
      const onboarding = await scopeGateAfterHistory(tx, project, released, context.source, (newest) => `the releases the table lists as started, up to ${newest},`);
      if (onboarding) report.push(onboarding);
      for (const parsed of doc.cycles) counts[await importCycle(tx, project.id, parsed, doc, context)]++;
      const listed = new Set(doc.cycles.map((cycle) => cycle.name));
      const unlisted = await tx.releaseCycle.findMany({ where: { projectId: project.id, name: { notIn: [...listed] }, publishedStatus: { not: null } } });
      for (const cycle of unlisted) {
        removals.push(`release cycle ${cycle.name} (${cycle.publishedStatus}) from the release table`);
        report.push(`${cycle.name}: no longer in the release table (kept)`);
      }
      await importKubernetes(tx, project.id, doc, report, removals);
      await importDeprecations(tx, project.id, doc, report);
      if (removals.length && !options.allowRemovals && !dryRun) throw new RemovalsRefusedError(options.source, removals);
      await tx.releaseDocImport.create({
        data: {
          projectId: project.id,
          source: options.source,
          sha256: createHash('sha256').update(options.markdown).digest('hex'),
          summary: { changes: report, cycles: counts, removals },
        },
      });
      if (dryRun) throw new DryRunRollback();
    }, IMPORT_TRANSACTION);
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!dryRun) invalidatePublicCaches();
  return { project: project.slug, source: options.source, changes: report, cycles: counts, removals, dryRun };
}
