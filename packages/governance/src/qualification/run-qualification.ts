import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { PrismaClient } from '../db';
import { QualificationLog } from './qualification-log';
import { compareToBaseline, median, spread } from './regression';
import { runStep, type StepResult } from './run-step';
import { describeWorkingTree, exportCommit, RUNTIME_CORE_DIR, type SourceProvenance } from './source-tree';

// One qualification of a release candidate: name the source (the commit, whether runtime-core was
// dirty, a digest of its files; a requested git ref is exported into the run's staging directory),
// build runtime-core from it (clean tsc build), pack it, install the tarball into a scratch
// directory as a user would, then run the installed package's smoke suite and a short benchmark.
// Every step is a child process with a timeout; every result is written as soon as it is known.

export type StepName = 'source' | 'build' | 'pack' | 'install' | 'smoke' | 'bench';

export interface QualificationOptions {
  /** The runtime-core package to qualify (default: the workspace's packages/runtime-core); a requested ref is taken from its git repository. */
  packageDir?: string;
  scratchRoot?: string;
  timeoutsMs?: Partial<Record<StepName, number>>;
  benchTasks?: number;
  benchRepeats?: number;
  benchParallel?: number;
  logLimitBytes?: number;
  onProgress?(step: StepName, status: 'started' | 'passed' | 'failed'): void;
}

export const DEFAULT_TIMEOUTS_MS: Record<StepName, number> = { source: 120_000, build: 300_000, pack: 120_000, install: 300_000, smoke: 300_000, bench: 300_000 };

interface StepRecord {
  name: StepName;
  status: 'passed' | 'failed';
  durationMs: number;
  detail?: string;
}

class StepFailed extends Error {}

const NODE_FLAGS = ['--no-turbo-fast-api-calls'];

function describeFailure(name: StepName, result: StepResult, timeoutMs: number): string {
  if (result.timedOut) return `${name} timed out after ${timeoutMs < 10_000 ? (timeoutMs / 1000).toFixed(1) : Math.round(timeoutMs / 1000)} s and was killed`;
  if (result.signal) return `${name} was killed by ${result.signal}`;
  return `${name} exited with code ${result.exitCode}`;
}

export function describeSource(source: Pick<SourceProvenance, 'commit' | 'dirty' | 'sourceDigest' | 'sourceFiles'>, ref: string | null): string {
  const what = ref ? `${ref} at ${source.commit?.slice(0, 12)}` : source.commit ? `the working tree at ${source.commit.slice(0, 12)}${source.dirty ? ' with uncommitted changes' : ''}` : 'a directory outside git';
  return `${what}; ${source.sourceFiles} files, ${source.sourceDigest.slice(0, 19)}…`;
}

export async function runQualification(prisma: PrismaClient, id: number, options: QualificationOptions = {}): Promise<void> {
  const workspacePackage = options.packageDir ?? RUNTIME_CORE_DIR;
  const timeouts = { ...DEFAULT_TIMEOUTS_MS, ...options.timeoutsMs };
  const scratch = fs.mkdtempSync(path.join(options.scratchRoot ?? os.tmpdir(), 'shepherd-qualification-'));
  const log = new QualificationLog(prisma, id, options.logLimitBytes, undefined, scratch);
  const steps: StepRecord[] = [];
  const qualification = await prisma.qualification.update({
    where: { id },
    data: { status: 'RUNNING', startedAt: new Date(), heartbeatAt: new Date(), steps: [], log: '', reason: null },
    include: { cycle: true },
  });

  const record = async (step: StepRecord, data: Record<string, unknown> = {}) => {
    steps.push(step);
    await log.flush();
    await prisma.qualification.update({ where: { id }, data: { steps: steps as never, currentStep: null, ...data } });
    options.onProgress?.(step.name, step.status);
  };

  const step = async (name: StepName, command: string, args: string[], cwd: string): Promise<StepResult> => {
    await prisma.qualification.update({ where: { id }, data: { currentStep: name, heartbeatAt: new Date() } });
    options.onProgress?.(name, 'started');
    log.line(`\n$ ${[command === process.execPath ? 'node' : command, ...args].join(' ')}`);
    const result = await runStep(command, args, { cwd, timeoutMs: timeouts[name], onOutput: (chunk) => log.append(chunk) });
    if (result.exitCode !== 0) {
      const reason = describeFailure(name, result, timeouts[name]);
      await record({ name, status: 'failed', durationMs: result.durationMs, detail: reason }, { reason });
      throw new StepFailed(reason);
    }
    return result;
  };

  /** Names what is built: the requested ref exported into the staging directory, or the working tree as it is. */
  const source = async (): Promise<string> => {
    await prisma.qualification.update({ where: { id }, data: { currentStep: 'source', heartbeatAt: new Date() } });
    options.onProgress?.('source', 'started');
    const started = performance.now();
    const { ref, commit } = qualification;
    log.line(ref ? `$ git archive ${commit} (${ref}) into the staging directory` : '$ git status, git ls-files (the working tree as it is)');
    let packageDir = workspacePackage;
    let provenance: SourceProvenance;
    try {
      if (ref && commit) ({ packageDir, provenance } = await exportCommit(workspacePackage, commit, path.join(scratch, 'source')));
      else provenance = await describeWorkingTree(workspacePackage);
    } catch (error) {
      const reason = `source: ${(error as Error).message.split('\n')[0]}`;
      await record({ name: 'source', status: 'failed', durationMs: Math.round(performance.now() - started), detail: reason }, { reason });
      throw new StepFailed(reason);
    }
    const detail = describeSource(provenance, ref);
    log.line(`building ${detail}`);
    await record({ name: 'source', status: 'passed', durationMs: Math.round(performance.now() - started), detail }, { ...provenance });
    return packageDir;
  };

  try {
    log.line(`Qualifying ${qualification.tag} (release ${qualification.cycle.name}), attempt ${qualification.attempt}`);
    const packageDir = await source();
    // A clean build into this run's own staging directory: concurrent runs, and people working in
    // the workspace, never see (or clobber) each other's output.
    const stage = path.join(scratch, 'stage');
    const tsc = createRequire(path.join(packageDir, 'package.json')).resolve('typescript/bin/tsc');
    const build = await step('build', process.execPath, [tsc, '-p', path.join(packageDir, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist')], packageDir);
    await record({ name: 'build', status: 'passed', durationMs: build.durationMs });

    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { files?: string[] };
    fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(stage, 'package.json'));
    for (const entry of [...(manifest.files ?? []), 'README.md', 'LICENSE']) {
      const from = path.join(/*turbopackIgnore: true*/ packageDir, entry);
      if (entry !== 'dist' && fs.existsSync(from)) fs.cpSync(from, path.join(stage, entry), { recursive: true });
    }
    // The build step just ran: pack exactly that output, without prepack building again.
    const pack = await step('pack', 'npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], stage);
    const packed = fs.readdirSync(scratch).find((file) => file.endsWith('.tgz'));
    if (!packed) {
      const reason = 'pack: npm pack wrote no tarball';
      await record({ name: 'pack', status: 'failed', durationMs: pack.durationMs, detail: reason }, { reason });
      throw new StepFailed(reason);
    }
    const tarball = path.join(scratch, packed);
    const bytes = fs.readFileSync(tarball);
    const tarballSha256 = createHash('sha256').update(bytes).digest('hex');
    await record({ name: 'pack', status: 'passed', durationMs: pack.durationMs, detail: `${path.basename(tarball)} ${bytes.length} bytes sha256:${tarballSha256}` }, { tarballSha256, tarballSize: bytes.length });

    const app = path.join(scratch, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'qualification-app', private: true, type: 'module' }));
    const install = await step('install', 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball], app);
    await record({ name: 'install', status: 'passed', durationMs: install.durationMs });

    const cli = path.join(app, 'node_modules', 'runtime-core', 'dist', 'cmd', 'runtime-core.js');
    if (!fs.existsSync(cli)) {
      const reason = 'install: the installed package has no dist/cmd/runtime-core.js';
      await record({ name: 'install', status: 'failed', durationMs: 0, detail: reason }, { reason });
      throw new StepFailed(reason);
    }
    // The smoke suite reports failures in its JSON summary, so it is run here rather than by step().
    await prisma.qualification.update({ where: { id }, data: { currentStep: 'smoke', heartbeatAt: new Date() } });
    options.onProgress?.('smoke', 'started');
    log.line('\n$ runtime-core smoke');
    const smoke = await runStep(process.execPath, [...NODE_FLAGS, cli, 'smoke'], { cwd: app, timeoutMs: timeouts.smoke, onOutput: (chunk) => log.append(chunk) });
    const summary = smoke.lastJson as { ok?: boolean; cases?: { name: string; ok: boolean; error?: string }[] } | null;
    const failedCases = summary?.cases?.filter((c) => !c.ok) ?? [];
    if (smoke.exitCode !== 0 || !summary?.ok) {
      const reason = smoke.timedOut || smoke.signal || !summary
        ? describeFailure('smoke', smoke, timeouts.smoke)
        : `smoke: ${failedCases.length} of ${summary.cases?.length ?? '?'} cases failed (${failedCases.map((c) => c.name).join(', ')})`;
      await record({ name: 'smoke', status: 'failed', durationMs: smoke.durationMs, detail: reason }, { reason, smokeSummary: (summary ?? undefined) as never });
      throw new StepFailed(reason);
    }
    await record({ name: 'smoke', status: 'passed', durationMs: smoke.durationMs, detail: `${summary.cases?.length ?? 0} cases passed` }, { smokeSummary: summary as never });

    const runs: number[] = [];
    const benchStarted = performance.now();
    // As many untimed warm-up tasks as timed ones: quick, and the same for every release.
    const tasks = String(options.benchTasks ?? 500);
    const method = ['--tasks', tasks, '--warmup', tasks, '--parallel', String(options.benchParallel ?? 2)];
    await prisma.qualification.update({ where: { id }, data: { benchMethod: method.join(' ') } });
    for (let repeat = 0; repeat < (options.benchRepeats ?? 3); repeat++) {
      const bench = await step('bench', process.execPath, [...NODE_FLAGS, cli, 'bench', ...method, '--baseline-tasks', '4'], app);
      const figure = (bench.lastJson as { tasksPerSecond?: number } | null)?.tasksPerSecond;
      if (typeof figure !== 'number') {
        const reason = 'bench printed no tasksPerSecond figure';
        await record({ name: 'bench', status: 'failed', durationMs: bench.durationMs, detail: reason }, { reason });
        throw new StepFailed(reason);
      }
      runs.push(figure);
      await prisma.qualification.update({ where: { id }, data: { benchRuns: runs } });
    }
    const verdict = await judgeBench(prisma, id, runs);
    await record(
      { name: 'bench', status: 'passed', durationMs: Math.round(performance.now() - benchStarted), detail: `median ${Math.round(verdict.tasksPerSecond ?? 0)} tasks/s of ${runs.map(Math.round).join(', ')} (bench ${method.join(' ')})` },
      verdict,
    );
    await prisma.qualification.update({ where: { id }, data: { status: 'PASSED', finishedAt: new Date(), currentStep: null } });
  } catch (error) {
    if (!(error instanceof StepFailed)) {
      log.line(`runner error: ${(error as Error).stack ?? error}`);
      await log.flush().catch(() => undefined);
      await prisma.qualification.update({ where: { id }, data: { status: 'FAILED', reason: `runner error: ${(error as Error).message}`, finishedAt: new Date(), currentStep: null } });
      return;
    }
    await prisma.qualification.update({ where: { id }, data: { status: 'FAILED', finishedAt: new Date(), currentStep: null } });
  } finally {
    await log.flush().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The run's figure (the median of its repeated benchmarks, so one noisy repeat does not decide), its
 * spread, and whether it regressed: judged only against a run of different source benchmarked the
 * same way, because the same source measured twice differs only by the machine.
 */
export async function judgeBench(prisma: PrismaClient, id: number, runs: readonly number[]) {
  const current = { tasksPerSecond: median(runs), spread: spread(runs) };
  const { baseline, note } = await chooseBaseline(prisma, id);
  const verdict = compareToBaseline(current, baseline);
  return { tasksPerSecond: current.tasksPerSecond, benchSpread: current.spread, regressed: verdict.regressed, regressionNote: baseline ? verdict.note : note };
}

/**
 * The run to compare with: among earlier passed runs of the project benchmarked with the same
 * arguments and of known, different source, the newest of this release, else the newest of the
 * latest earlier release. Says why when there is none.
 */
async function chooseBaseline(prisma: PrismaClient, id: number) {
  const current = await prisma.qualification.findUniqueOrThrow({ where: { id }, include: { cycle: true } });
  const candidates = await prisma.qualification.findMany({
    where: { id: { not: id }, status: 'PASSED', tasksPerSecond: { not: null }, cycle: { projectId: current.cycle.projectId } },
    include: { cycle: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const earlier = candidates.filter(
    (c) => c.cycle.major < current.cycle.major || (c.cycle.major === current.cycle.major && c.cycle.minor < current.cycle.minor) || (c.cycleId === current.cycleId && c.createdAt <= current.createdAt),
  );
  const sameMethod = earlier.filter((c) => c.benchMethod === current.benchMethod);
  const comparable = sameMethod.filter((c) => c.sourceDigest && c.sourceDigest !== current.sourceDigest);
  const chosen = comparable.find((c) => c.cycleId === current.cycleId) ?? comparable.sort((a, b) => b.cycle.major - a.cycle.major || b.cycle.minor - a.cycle.minor)[0];
  if (chosen) return { baseline: { tag: chosen.tag, attempt: chosen.attempt, tasksPerSecond: chosen.tasksPerSecond!, spread: chosen.benchSpread }, note: null };
  const same = sameMethod.find((c) => c.sourceDigest && c.sourceDigest === current.sourceDigest);
  const note = same
    ? `same source as ${same.tag} #${same.attempt}: not compared (a difference would be the machine's noise)`
    : sameMethod.length
      ? 'no earlier RC of known, different source to compare with'
      : earlier.length
        ? 'no earlier RC benchmarked the same way to compare with'
        : 'no earlier RC to compare with';
  return { baseline: null, note };
}
