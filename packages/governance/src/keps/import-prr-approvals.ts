import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db';
import type { KepProblem } from './kep-problems';
import { parsePrrApproval, type PrrApprovalEntry } from './parse-prr-approval';
import type { PrrSource } from './read-kep-sources';

// Stores PRR approval files (keps/prod-readiness/<sig>/<number>.yaml), one transaction per file,
// as the KEP import stores kep.yaml: re-importing the same facts changes nothing, a change of an
// approver is a line in the KEP's history, and a file gone from a folder read whole is marked, not
// deleted.

export interface PrrImportCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

const shown = (approvals: PrrApprovalEntry[], stage: string) => {
  const entry = approvals.find((a) => a.stage === stage);
  return entry ? (entry.approver ?? '(none)') : null;
};

export async function importPrrApprovals(
  prisma: PrismaClient,
  sources: PrrSource[],
  now: Date,
): Promise<{ counts: PrrImportCounts; problems: KepProblem[]; changes: string[]; storedFiles: string[] }> {
  const counts: PrrImportCounts = { read: sources.length, created: 0, updated: 0, unchanged: 0, skipped: 0 };
  const problems: KepProblem[] = [];
  const changes: string[] = [];
  const storedFiles: string[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const parsed = parsePrrApproval(source.raw, source);
    problems.push(...parsed.problems);
    const prr = parsed.prr;
    if (!prr || seen.has(`${prr.sig}/${prr.number}`)) {
      if (prr) problems.push({ file: source.file, field: '(file)', message: `PRR file ${prr.sig}/${prr.number}.yaml was already read: skipped` });
      counts.skipped++;
      continue;
    }
    seen.add(`${prr.sig}/${prr.number}`);
    const sha256 = createHash('sha256').update(JSON.stringify({ raw: source.raw, prr })).digest('hex');
    const storedProblems = parsed.problems.map(({ file: _file, ...rest }) => rest);
    try {
      const outcome = await prisma.$transaction(async (tx) => {
        const existing = await tx.prrApproval.findUnique({ where: { sig_number: { sig: prr.sig, number: prr.number } } });
        if (existing?.sha256 === sha256 && !existing.missingSince) return { result: 'unchanged' as const, lines: [] as string[] };
        const data = { ...prr, approvals: prr.approvals as object[], raw: source.raw as object, problems: storedProblems, source: source.file, sha256, importedAt: now, missingSince: null };
        const kep = await tx.kep.findFirst({ where: { owningSig: prr.sig, enhancementIssue: prr.enhancementIssue }, select: { key: true } });
        const history = (field: string, before: string | null, after: string | null) => ({
          kepNumber: prr.number, kepKey: kep?.key ?? null, kind: 'metadata', field, before, after, source: source.file, at: now,
        });
        if (!existing) {
          await tx.prrApproval.create({ data });
          return { result: 'created' as const, lines: [] };
        }
        await tx.prrApproval.update({ where: { id: existing.id }, data });
        const before = existing.approvals as unknown as PrrApprovalEntry[];
        const lines: string[] = existing.missingSince ? [`PRR ${prr.sig}/${prr.number}: back in its source`] : [];
        const stages = [...new Set([...before, ...prr.approvals].map((a) => a.stage))];
        for (const stage of stages) {
          const [was, is] = [shown(before, stage), shown(prr.approvals, stage)];
          if (was === is) continue;
          lines.push(`PRR ${prr.sig}/${prr.number} ${stage}: ${was ?? '—'} → ${is ?? '—'}`);
          await tx.kepHistory.create({ data: history(`prr ${stage}`, was, is) });
        }
        return { result: existing.sha256 === sha256 ? ('unchanged' as const) : ('updated' as const), lines };
      });
      counts[outcome.result]++;
      changes.push(...outcome.lines);
      storedFiles.push(source.file);
    } catch (error) {
      counts.skipped++;
      problems.push({ file: source.file, field: '(database)', message: (error as Error).message });
    }
  }
  return { counts, problems, changes, storedFiles };
}

/** PRR files stored from the scope's folders that the import did not find: marked, with a report line. */
export async function markMissingPrrApprovals(prisma: PrismaClient, scope: { repository: string; folders: string[]; present: Set<string> }, now: Date): Promise<string[]> {
  if (!scope.folders.length) return [];
  const candidates = await prisma.prrApproval.findMany({
    where: { repository: scope.repository, missingSince: null, OR: scope.folders.map((folder) => ({ path: { startsWith: folder } })) },
    select: { id: true, sig: true, number: true, path: true },
  });
  const lines: string[] = [];
  for (const prr of candidates.filter((row) => row.path && !scope.present.has(row.path))) {
    await prisma.prrApproval.update({ where: { id: prr.id }, data: { missingSince: now } });
    lines.push(`PRR ${prr.sig}/${prr.number}: no longer in ${scope.repository}/${prr.path}: marked missing (kept)`);
  }
  return lines;
}
