import type { PrismaClient } from '../db';
import { notFound } from '../errors';
import { IMPORT_TRANSACTION, ImportRejectedError } from './import-releases-md';
import { parseStatus, type ImportProblem } from './parse-releases-md';
import { formatPublishedDate, parsePublishedDate, type PublishedDate } from './published-dates';
import { invalidatePublicCaches } from '../eol/public-cache';

// The history of a release table (one row per release per merged change, from the project's git
// history) becomes the change log of the GA and EOL milestones: where a date moved, and in which PR.
// It is also where LTS is remembered: today's table says only "End of Life" for a branch that was
// LTS (containerd 1.6), so a cycle published as LTS in any history row is an LTS cycle.

interface HistoryRow {
  line: number;
  mergedOn: string;
  pr: string;
  release: string;
  /** The status column said LTS ("LTS", "RC (LTS)", "LTS (_future_)" are not all released LTS: see below). */
  lts: { released: boolean } | null;
  start: PublishedDate | null;
  endOfLife: PublishedDate | null;
}

function parseHistory(tsv: string): { rows: HistoryRow[]; problems: ImportProblem[] } {
  const lines = tsv.split(/\r?\n/);
  const header = lines[0].split('\t').map((cell) => cell.trim());
  const column = (name: string) => header.indexOf(name);
  const missing = ['merged_date', 'pr', 'release', 'start', 'end_of_life'].filter((name) => column(name) < 0);
  if (missing.length) return { rows: [], problems: [{ line: 1, table: 'history', message: `missing columns: ${missing.join(', ')}` }] };
  const rows: HistoryRow[] = [];
  const problems: ImportProblem[] = [];
  lines.slice(1).forEach((text, index) => {
    if (!text.trim()) return;
    const cells = text.split('\t');
    const line = index + 2;
    const start = parsePublishedDate(cells[column('start')] ?? '');
    const endOfLife = parsePublishedDate(cells[column('end_of_life')] ?? '');
    for (const [name, cell] of [['start', start], ['end_of_life', endOfLife]] as const) {
      if ('error' in cell) problems.push({ line, table: 'history', message: `${name}: ${cell.error}` });
    }
    const statusCell = column('status') >= 0 ? (cells[column('status')] ?? '') : '';
    const status = statusCell.trim() ? parseStatus(statusCell) : null;
    if (statusCell.trim() && !status) problems.push({ line, table: 'history', message: `status: unknown status "${statusCell.trim()}"` });
    if ('error' in start || 'error' in endOfLife) return;
    rows.push({
      line,
      mergedOn: cells[column('merged_date')].trim(),
      pr: cells[column('pr')].trim(),
      release: cells[column('release')].trim(),
      lts: status?.isLts ? { released: ['ACTIVE', 'EXTENDED', 'END_OF_LIFE'].includes(status.phase) } : null,
      start: start.value,
      endOfLife: endOfLife.value,
    });
  });
  return { rows, problems };
}

const shown = (date: PublishedDate | null) =>
  date ? `${formatPublishedDate(date.date, date.precision)}${date.qualifier ? ` (${date.qualifier})` : ''}` : null;

export async function importTableHistory(
  prisma: PrismaClient,
  options: { projectSlug: string; tsv: string; source: string; repository: string },
): Promise<{ changes: number; report: string[] }> {
  const { rows, problems } = parseHistory(options.tsv);
  if (problems.length) throw new ImportRejectedError(options.source, problems);
  const project = await prisma.project.findUnique({ where: { slug: options.projectSlug } });
  if (!project) throw notFound(`No project "${options.projectSlug}"`);
  let changes = 0;
  const report: string[] = [];
  await prisma.$transaction(async (tx) => {
    // Released as LTS in any row: the cycle is LTS (a future LTS that was dropped is not).
    const ltsRows = new Map<string, HistoryRow>();
    for (const row of rows) if (row.lts?.released && !ltsRows.has(row.release)) ltsRows.set(row.release, row);
    for (const [release, row] of ltsRows) {
      const updated = await tx.releaseCycle.updateMany({ where: { projectId: project.id, name: release, isLts: false }, data: { isLts: true } });
      if (updated.count) {
        report.push(`${release}: LTS (the table history says so: ${options.repository}${row.pr}, ${row.mergedOn})`);
        changes++;
      }
    }
    const previous = new Map<string, HistoryRow>();
    for (const row of rows) {
      const before = previous.get(row.release);
      previous.set(row.release, row);
      for (const [kind, pick] of [['GA', (r: HistoryRow) => r.start], ['EOL', (r: HistoryRow) => r.endOfLife]] as const) {
        const [from, to] = [before ? shown(pick(before)) : null, shown(pick(row))];
        if (from === to) continue;
        const milestone = await tx.milestone.findFirst({ where: { kind, cycle: { projectId: project.id, name: row.release } } });
        if (!milestone) continue;
        const source = `${options.repository}${row.pr} (RELEASES.md)`;
        const exists = await tx.milestoneChange.findFirst({ where: { milestoneId: milestone.id, source, field: 'published' } });
        if (exists) continue;
        await tx.milestoneChange.create({
          data: { milestoneId: milestone.id, field: 'published', before: from, after: to, changedAt: new Date(`${row.mergedOn}T00:00:00Z`), source },
        });
        changes++;
      }
    }
  }, IMPORT_TRANSACTION);
  invalidatePublicCaches();
  return { changes, report };
}
