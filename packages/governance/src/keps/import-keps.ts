import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db';
import type { KepProblem } from './kep-problems';
import { parseKepMetadata, type KepMetadata } from './parse-kep-metadata';
import type { KepSource } from './read-kep-sources';

export interface KepImportReport {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: KepProblem[];
  changes: string[];
  /** The files whose KEP is now stored (created, updated or unchanged). */
  storedFiles: string[];
}

// Fields whose change is worth a line in the KEP's history.
const TRACKED_FIELDS = ['title', 'owningSig', 'status', 'stage', 'latestMilestone', 'alphaMilestone', 'betaMilestone', 'stableMilestone'] as const;

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

/**
 * Stores KEP metadata keyed by KEP number, one transaction per file: a bad file never stops the
 * others, and re-importing the same facts changes nothing. Every problem names its file and field.
 */
/** "126 KEP file(s) read: 2 new, 1 changed, 123 unchanged, 0 skipped". */
export const describeKepCounts = (report: KepImportReport): string =>
  `${report.read} KEP file(s) read: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.skipped} skipped`;

export async function importKeps(
  prisma: PrismaClient,
  options: { sources: KepSource[]; problems?: KepProblem[]; now?: Date },
): Promise<KepImportReport> {
  const report: KepImportReport = { read: options.sources.length, created: 0, updated: 0, unchanged: 0, skipped: 0, problems: [...(options.problems ?? [])], changes: [], storedFiles: [] };
  const seen = new Map<string, string>();
  for (const source of options.sources) {
    const { kep, problems } = parseKepMetadata(source.raw, source);
    report.problems.push(...problems);
    if (!kep) {
      report.skipped++;
      continue;
    }
    const earlier = seen.get(kep.number);
    if (earlier) {
      report.problems.push({ file: source.file, field: 'kep-number', message: `KEP ${kep.number} was already read from ${earlier}: skipped` });
      report.skipped++;
      continue;
    }
    seen.set(kep.number, source.file);
    try {
      const outcome = await storeKep(prisma, kep, storedRaw(source.raw), problems, source.file, options.now ?? new Date());
      report[outcome.result]++;
      report.changes.push(...outcome.changes);
      report.storedFiles.push(source.file);
    } catch (error) {
      report.skipped++;
      report.problems.push({ file: source.file, field: '(database)', message: (error as Error).message });
    }
  }
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
  const storedProblems = problems.map(({ field, message }) => ({ field, message }));
  const sha256 = createHash('sha256').update(canonical({ raw, kep })).digest('hex');
  return prisma.$transaction(async (tx) => {
    const existing = await tx.kep.findUnique({ where: { number: kep.number } });
    if (existing?.sha256 === sha256) return { result: 'unchanged' as const, changes: [] };
    const data = { ...kep, raw: raw as object, problems: storedProblems, source, sha256, importedAt: now };
    if (!existing) {
      await tx.kep.create({ data });
      await tx.kepHistory.create({ data: { kepNumber: kep.number, kind: 'metadata', field: 'kep', after: kep.title, source, at: now } });
      return { result: 'created' as const, changes: [] };
    }
    await tx.kep.update({ where: { id: existing.id }, data });
    const changes: string[] = [];
    for (const field of TRACKED_FIELDS) {
      const before = existing[field];
      const after = kep[field];
      if (before === after) continue;
      changes.push(`KEP-${kep.number} ${field}: ${before ?? '—'} → ${after ?? '—'}`);
      await tx.kepHistory.create({ data: { kepNumber: kep.number, kind: 'metadata', field, before, after, source, at: now } });
    }
    return { result: 'updated' as const, changes };
  });
}
