import type { PrismaClient } from '../db';
import { notFound } from '../errors';
import { getGaGate } from './ga-gate';
import { relativePaths } from './qualification-log';
import { listKnownRcs } from './release-candidates';

export interface QualificationView {
  id: number;
  tag: string;
  attempt: number;
  trigger: string;
  requestedBy: string | null;
  /** The git ref asked for; null: the working tree. */
  ref: string | null;
  commit: string | null;
  dirty: boolean | null;
  sourceDigest: string | null;
  sourceFiles: number | null;
  /** For another attempt of an RC: "same source as attempt 1" or "source changed since attempt 1". */
  sourceNote: string | null;
  status: string;
  reason: string | null;
  currentStep: string | null;
  steps: { name: string; status: string; durationMs: number; detail?: string }[];
  durationMs: number | null;
  tasksPerSecond: number | null;
  benchRuns: number[];
  benchSpread: number | null;
  regressed: boolean;
  regressionNote: string | null;
  tarballSha256: string | null;
  tarballSize: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Another attempt of an RC against the newest earlier attempt whose source is known. */
function compareSource(run: { tag: string; attempt: number; sourceDigest: string | null }, runs: { tag: string; attempt: number; sourceDigest: string | null }[]): string | null {
  if (!run.sourceDigest) return null;
  const previous = runs.filter((other) => other.tag === run.tag && other.attempt < run.attempt && other.sourceDigest).sort((a, b) => b.attempt - a.attempt)[0];
  if (!previous) return null;
  return previous.sourceDigest === run.sourceDigest ? `same source as attempt ${previous.attempt}` : `source changed since attempt ${previous.attempt}`;
}

/** A release's qualification history, newest first, with its GA gate. */
export async function getQualifications(prisma: PrismaClient, slug: string, cycleName: string) {
  const cycle = await prisma.releaseCycle.findFirst({ where: { name: cycleName, project: { slug } }, include: { project: true } });
  if (!cycle) throw notFound(`No release cycle ${cycleName} in ${slug}`, { project: slug, cycle: cycleName });
  const rows = await prisma.qualification.findMany({ where: { cycleId: cycle.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const runs: QualificationView[] = rows.map((row) => ({
    id: row.id,
    tag: row.tag,
    attempt: row.attempt,
    trigger: row.trigger,
    requestedBy: row.requestedBy,
    ref: row.ref,
    commit: row.commit,
    dirty: row.dirty,
    sourceDigest: row.sourceDigest,
    sourceFiles: row.sourceFiles,
    sourceNote: compareSource(row, rows),
    status: row.status,
    reason: row.reason,
    currentStep: row.currentStep,
    steps: row.steps as QualificationView['steps'],
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    tasksPerSecond: row.tasksPerSecond,
    benchRuns: row.benchRuns,
    benchSpread: row.benchSpread,
    regressed: row.regressed,
    regressionNote: row.regressionNote,
    tarballSha256: row.tarballSha256,
    tarballSize: row.tarballSize,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
  const [gate, knownRcs] = await Promise.all([getGaGate(prisma, cycle.id), listKnownRcs(prisma, cycle)]);
  // knownRcs: the RC tags a maintainer may qualify (the page offers them), newest first.
  return { project: cycle.project, cycle: { id: cycle.id, name: cycle.name }, gate, runs, knownRcs };
}

/** One run with its log, for the live log and a finished run's log; paths relative to the project root (older runs stored the server's). */
export async function getQualificationLog(prisma: PrismaClient, id: number) {
  const row = await prisma.qualification.findUnique({ where: { id }, select: { id: true, tag: true, attempt: true, status: true, currentStep: true, steps: true, log: true, logTruncated: true, reason: true } });
  if (!row) throw notFound(`No qualification ${id}`);
  return { ...row, log: relativePaths(row.log, null) };
}

/** A tasks/s trend as an SVG line over the passed runs, oldest first. */
export function renderTrendSvg(runs: { tag: string; attempt: number; tasksPerSecond: number | null; regressed: boolean }[], width = 640, height = 180): string {
  const points = runs.filter((run) => run.tasksPerSecond !== null).reverse();
  if (points.length === 0) return '';
  const max = Math.max(...points.map((p) => p.tasksPerSecond!)) * 1.15;
  const left = 56;
  const bottom = height - 34;
  const x = (i: number) => left + (points.length === 1 ? (width - left) / 2 : (i / (points.length - 1)) * (width - left - 30));
  const y = (v: number) => 12 + (1 - v / max) * (bottom - 12);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.tasksPerSecond!).toFixed(1)}`).join(' ');
  const escape = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="tasks per second by release candidate" font-family="system-ui, sans-serif" font-size="11">`,
    `<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#ccc"/>`,
    `<text x="${left - 6}" y="${y(max / 1.15) + 4}" text-anchor="end" fill="#666">${Math.round(max / 1.15)}</text>`,
    `<text x="${left - 6}" y="${bottom}" text-anchor="end" fill="#666">0</text>`,
    `<text x="8" y="14" fill="#666">tasks/s</text>`,
    `<path d="${path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>`,
    ...points.map((p, i) =>
      [
        `<circle cx="${x(i).toFixed(1)}" cy="${y(p.tasksPerSecond!).toFixed(1)}" r="4" fill="${p.regressed ? '#c62828' : '#1f5fa8'}"><title>${escape(`${p.tag} #${p.attempt}: ${Math.round(p.tasksPerSecond!)} tasks/s${p.regressed ? ' (regressed)' : ''}`)}</title></circle>`,
        `<text x="${x(i).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" fill="#333">${escape(p.tag.replace(/^v/, ''))}</text>`,
      ].join(''),
    ),
    '</svg>',
  ].join('\n');
}
