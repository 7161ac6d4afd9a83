import fs from 'node:fs';
import path from 'node:path';
import { dateOf, type PrismaClient } from '../db';
import { ImportRejectedError } from '../releases/import-releases-md';
import { SEED_DIR } from '../seed/seed-projects';
import { parseExceptions, parseReleaseSchedule, type FreezeException } from './parse-release-schedule';

export interface ScheduleImportReport {
  releases: number;
  exceptions: number;
  problems: { file: string; field: string; message: string }[];
}

/**
 * Stores the Kubernetes release schedule and the freeze exception requests (upserts: importing the
 * same facts again changes nothing). Exception files are named release-1.NN.yaml.
 */
export async function importKubernetesSchedule(
  prisma: PrismaClient,
  options: { markdown: string; source: string; exceptionFiles?: { file: string; text: string }[] },
): Promise<ScheduleImportReport> {
  const { releases, problems } = parseReleaseSchedule(options.markdown);
  if (releases.length === 0) throw new ImportRejectedError(options.source, problems.map((p) => ({ line: p.line, table: 'schedule', message: `${p.field}: ${p.message}` })));
  const report: ScheduleImportReport = { releases: 0, exceptions: 0, problems: problems.map((p) => ({ file: `${options.source}:${p.line}`, field: p.field, message: p.message })) };
  const exceptionsByVersion = new Map<string, FreezeException[]>();
  for (const { file, text } of options.exceptionFiles ?? []) {
    const version = /release-(1\.\d+)\.ya?ml$/.exec(file)?.[1];
    if (!version) {
      report.problems.push({ file, field: '(file)', message: 'not named release-1.NN.yaml: skipped' });
      continue;
    }
    const parsed = parseExceptions(text, file);
    report.problems.push(...parsed.problems);
    exceptionsByVersion.set(version, parsed.exceptions);
  }
  // Compare first and write only what changed: the bundled schedule is applied on every start.
  const existing = new Map((await prisma.kubernetesRelease.findMany({ include: { exceptions: true } })).map((r) => [r.version, r]));
  const same = (a: object, b: Record<string, unknown>) => Object.entries(a).every(([key, value]) => (value instanceof Date ? value.getTime() === (b[key] as Date | null)?.getTime() : value === b[key]));
  await prisma.$transaction(async (tx) => {
    for (const release of releases) {
      const data = {
        proposed: release.proposed,
        cycleStart: dateOf(release.cycleStart),
        prrFreeze: release.prrFreeze ? new Date(release.prrFreeze) : null,
        enhancementsFreeze: new Date(release.enhancementsFreeze),
        codeFreeze: new Date(release.codeFreeze),
        docsFreeze: release.docsFreeze ? new Date(release.docsFreeze) : null,
        releaseOn: dateOf(release.releaseOn),
      };
      const known = existing.get(release.version);
      const stored = known && same(data, known) ? known : await tx.kubernetesRelease.upsert({ where: { version: release.version }, create: { version: release.version, ...data, source: options.source }, update: { ...data, source: options.source } });
      report.releases++;
      for (const exception of exceptionsByVersion.get(release.version) ?? []) {
        const { freeze, kepNumber, ...rest } = exception;
        report.exceptions++;
        const knownException = known?.exceptions.find((e) => e.freeze === freeze && e.kepNumber === kepNumber);
        if (knownException && same(rest, knownException)) continue;
        await tx.kubernetesException.upsert({
          where: { releaseId_freeze_kepNumber: { releaseId: stored.id, freeze, kepNumber } },
          create: { releaseId: stored.id, freeze, kepNumber, ...rest },
          update: rest,
        });
      }
      exceptionsByVersion.delete(release.version);
    }
  });
  for (const version of exceptionsByVersion.keys()) {
    report.problems.push({ file: `release-${version}.yaml`, field: '(file)', message: `Kubernetes ${version} is not in the schedule: its exceptions were skipped` });
  }
  return report;
}

export const KUBERNETES_SEED_DIR = path.join(/*turbopackIgnore: true*/ SEED_DIR, 'kubernetes');

/** Reads a directory laid out like prisma/seed/kubernetes (release-schedule.md, exceptions/). */
export function readScheduleDirectory(dir: string) {
  const exceptionsDir = path.join(/*turbopackIgnore: true*/ dir, 'exceptions');
  const exceptionFiles = fs.existsSync(exceptionsDir)
    ? fs
        .readdirSync(/*turbopackIgnore: true*/ exceptionsDir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => ({ file: path.join(exceptionsDir, name), text: fs.readFileSync(path.join(/*turbopackIgnore: true*/ exceptionsDir, name), 'utf8') }))
    : [];
  const source = path.join(dir, 'release-schedule.md');
  return { markdown: fs.readFileSync(/*turbopackIgnore: true*/ source, 'utf8'), source, exceptionFiles };
}

/** The bundled schedule (prisma/seed/kubernetes), applied on every start: it is a few upserts. */
export async function seedKubernetesSchedule(prisma: PrismaClient, dir = KUBERNETES_SEED_DIR): Promise<ScheduleImportReport> {
  const read = readScheduleDirectory(dir);
  return importKubernetesSchedule(prisma, { ...read, source: path.relative(path.dirname(SEED_DIR), read.source) || read.source });
}
