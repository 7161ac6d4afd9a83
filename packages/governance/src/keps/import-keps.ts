import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db';
import type { KepProblem } from './kep-problems';
import { parseKepMetadata, type KepMetadata } from './parse-kep-metadata';
import { importPrrApprovals, markMissingPrrApprovals, type PrrImportCounts } from './import-prr-approvals';
import type { KepImportScope, KepSource, PrrSource } from './read-kep-sources';

export interface KepImportReport {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: KepProblem[];
  changes: string[];
  /** KEPs stored earlier that the import's scope no longer holds: marked missing, kept. */
  missing: string[];
  /** Numbers that several stored KEPs share, each with its KEPs ("2133: sig-node/2133-…, sig-cloud-provider/2133-…"). */
  shared: string[];
  /** The files whose KEP (or PRR approval) is now stored (created, updated or unchanged). */
  storedFiles: string[];
  /** PRR approval files (keps/prod-readiness/<sig>/<number>.yaml) read with the KEPs. */
  prr: PrrImportCounts;
}

// Fields whose change is worth a line in the KEP's history.
const TRACKED_FIELDS = [
  'number', 'title', 'owningSig', 'status', 'stage', 'latestMilestone',
  'alphaMilestone', 'betaMilestone', 'stableMilestone', 'deprecatedMilestone', 'disabledMilestone', 'removedMilestone',
  'authors', 'reviewers', 'approvers', 'prrApprovers', 'participatingSigs', 'featureGates', 'path',
] as const satisfies readonly (keyof KepMetadata)[];

const shown = (value: string | string[] | null) => (Array.isArray(value) ? (value.length ? value.join(', ') : null) : value);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function storedRaw(raw: unknown): unknown {
  // kepify embeds the whole KEP README as `markdown`; the metadata is what Shepherd keeps.
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'markdown' in raw) {
    const { markdown: _markdown, ...rest } = raw as Record<string, unknown>;
    return rest;
  }
  return raw;
}

/** "126 KEP file(s) read: 2 new, 1 changed, 123 unchanged, 0 skipped; 116 PRR approval file(s): …". */
export const describeKepCounts = (report: KepImportReport): string =>
  `${report.read} KEP file(s) read: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.skipped} skipped` +
  (report.missing.length ? `, ${report.missing.length} missing from the source` : '') +
  (report.prr.read
    ? `; ${report.prr.read} PRR approval file(s): ${report.prr.created} new, ${report.prr.updated} changed, ${report.prr.unchanged} unchanged, ${report.prr.skipped} skipped`
    : '');

/**
 * Stores KEP metadata keyed by the KEP's directory, one transaction per file: a bad file never stops
 * the others, two KEPs that share a number both stay, and re-importing the same facts changes
 * nothing. Every problem names its file and field. With a `scope` (a checkout or folder read whole),
 * a stored KEP the scope no longer holds is marked missing and reported, never deleted.
 */
export async function importKeps(
  prisma: PrismaClient,
  options: { sources: KepSource[]; prr?: PrrSource[]; problems?: KepProblem[]; scope?: KepImportScope; now?: Date },
): Promise<KepImportReport> {
  const now = options.now ?? new Date();
  const report: KepImportReport = {
    read: options.sources.length, created: 0, updated: 0, unchanged: 0, skipped: 0,
    problems: [...(options.problems ?? [])], changes: [], missing: [], shared: [], storedFiles: [],
    prr: { read: 0, created: 0, updated: 0, unchanged: 0, skipped: 0 },
  };
  const seen = new Map<string, string>();
  const numbers = new Set<number>();
  for (const source of options.sources) {
    const { kep, problems } = parseKepMetadata(source.raw, source);
    report.problems.push(...problems);
    if (!kep) {
      report.skipped++;
      continue;
    }
    const earlier = seen.get(kep.key);
    if (earlier) {
      report.problems.push({ file: source.file, field: '(file)', message: `KEP ${kep.key} was already read from ${earlier}: skipped` });
      report.skipped++;
      continue;
    }
    seen.set(kep.key, source.file);
    if (kep.enhancementIssue !== null) numbers.add(kep.enhancementIssue);
    try {
      const outcome = await storeKep(prisma, kep, storedRaw(source.raw), problems, source.file, now);
      report[outcome.result]++;
      report.changes.push(...outcome.changes);
      report.storedFiles.push(source.file);
    } catch (error) {
      report.skipped++;
      report.problems.push({ file: source.file, field: '(database)', message: (error as Error).message });
    }
  }
  // After the KEPs, so a PRR change's history line finds a KEP imported in the same run.
  if (options.prr?.length) {
    const prr = await importPrrApprovals(prisma, options.prr, now);
    report.prr = prr.counts;
    report.problems.push(...prr.problems);
    report.changes.push(...prr.changes);
    report.storedFiles.push(...prr.storedFiles);
  }
  if (options.scope) report.missing = [...(await markMissing(prisma, options.scope, now)), ...(await markMissingPrrApprovals(prisma, options.scope, now))];
  report.shared = await sharedNumbers(prisma, [...numbers]);
  return report;
}

async function storeKep(
  prisma: PrismaClient,
  kep: KepMetadata,
  raw: unknown,
  problems: KepProblem[],
  source: string,
  now: Date,
): Promise<{ result: 'created' | 'updated' | 'unchanged'; changes: string[] }> {
  const storedProblems = problems.map(({ file: _file, ...rest }) => rest);
  const sha256 = createHash('sha256').update(canonical({ raw, kep })).digest('hex');
  const history = (field: string, before: string | null, after: string | null) => ({ kepNumber: kep.number, kepKey: kep.key, kind: 'metadata', field, before, after, source, at: now });
  return prisma.$transaction(async (tx) => {
    const existing = await tx.kep.findUnique({ where: { key: kep.key } });
    if (existing?.sha256 === sha256 && !existing.missingSince) return { result: 'unchanged' as const, changes: [] };
    const data = { ...kep, raw: raw as object, problems: storedProblems, source, sha256, importedAt: now, missingSince: null };
    if (!existing) {
      await tx.kep.create({ data });
      await tx.kepHistory.create({ data: history('kep', null, kep.title) });
      return { result: 'created' as const, changes: [] };
    }
    await tx.kep.update({ where: { id: existing.id }, data });
    const changes: string[] = [];
    if (existing.missingSince) {
      changes.push(`${kep.key}: back in its source`);
      await tx.kepHistory.create({ data: history('source', 'missing', source) });
    }
    for (const field of TRACKED_FIELDS) {
      const [before, after] = [shown(existing[field]), shown(kep[field])];
      if (before === after) continue;
      changes.push(`${kep.key} ${field}: ${before ?? '—'} → ${after ?? '—'}`);
      await tx.kepHistory.create({ data: history(field, before, after) });
    }
    return { result: existing.sha256 === sha256 ? ('unchanged' as const) : ('updated' as const), changes };
  });
}

/** KEPs stored from the scope's folders whose kep.yaml the import did not find: marked, with history. */
async function markMissing(prisma: PrismaClient, scope: KepImportScope, now: Date): Promise<string[]> {
  if (!scope.folders.length) return [];
  const candidates = await prisma.kep.findMany({
    where: { repository: scope.repository, missingSince: null, OR: scope.folders.map((folder) => ({ path: { startsWith: folder } })) },
    select: { id: true, key: true, number: true, path: true },
  });
  const gone = candidates.filter((kep) => kep.path && !scope.present.has(kep.path));
  const lines: string[] = [];
  for (const kep of gone) {
    const where = `${scope.repository}/${kep.path}`;
    await prisma.$transaction([
      prisma.kep.update({ where: { id: kep.id }, data: { missingSince: now } }),
      prisma.kepHistory.create({ data: { kepNumber: kep.number, kepKey: kep.key, kind: 'metadata', field: 'source', before: where, after: 'missing', source: `import of ${scope.folders.join(', ')}`, at: now } }),
    ]);
    lines.push(`${kep.key}: no longer in ${where}: marked missing (kept)`);
  }
  return lines;
}

async function sharedNumbers(prisma: PrismaClient, numbers: number[]): Promise<string[]> {
  if (!numbers.length) return [];
  const keps = await prisma.kep.findMany({ where: { enhancementIssue: { in: numbers } }, select: { key: true, enhancementIssue: true }, orderBy: { key: 'asc' } });
  const byNumber = new Map<number, string[]>();
  for (const kep of keps) byNumber.set(kep.enhancementIssue!, [...(byNumber.get(kep.enhancementIssue!) ?? []), kep.key]);
  return [...byNumber].filter(([, keys]) => keys.length > 1).sort(([a], [b]) => a - b).map(([number, keys]) => `KEP-${number}: ${keys.join(', ')} (all kept)`);
}
