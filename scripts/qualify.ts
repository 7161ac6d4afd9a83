import { parseArgs } from 'node:util';
import { invalidArgument, openDatabase, prepareDatabase } from '@shepherd/governance';
import { describeSource, getGaGate, requestQualification, resolveRef, RUNTIME_CORE_DIR, runQualification } from '@shepherd/governance/qualification/index';
import { runCli } from './cli';

const USAGE = `usage: npm run qualify -- <project> <rc-tag> [--ref <tag|branch|commit>] [--rerun] [--queue] [--bench-tasks N]
  qualify a known release candidate now: build, pack and install runtime-core, run its smoke suite and benchmark
  --ref    build that git ref (exported into the run's staging directory; the working tree is never touched)
           instead of the working tree as it is
  --rerun  another attempt of an RC that was already qualified
  --queue  only queue it: the portal's qualification worker runs it (and shows its live log)`;

await runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { rerun: { type: 'boolean' }, queue: { type: 'boolean' }, ref: { type: 'string' }, 'bench-tasks': { type: 'string' } } });
  const [project, tag] = positionals;
  if (!project || !tag) {
    console.log(USAGE);
    process.exitCode = 2;
    return;
  }
  const benchTasks = values['bench-tasks'] ? Number(values['bench-tasks']) : undefined;
  if (benchTasks !== undefined && !(Number.isInteger(benchTasks) && benchTasks > 0)) throw invalidArgument('--bench-tasks must be a positive whole number');
  const source = values.ref ? { ref: values.ref, commit: await resolveRef(RUNTIME_CORE_DIR, values.ref) } : undefined;
  const database = await openDatabase();
  try {
    await prepareDatabase(database);
    const { qualification, created } = await requestQualification(database.prisma, { projectSlug: project, tag, trigger: 'manual', requestedBy: process.env.USER, rerun: values.rerun, source });
    if (!created && qualification.status !== 'QUEUED') {
      console.log(`${tag} was already qualified (attempt ${qualification.attempt}: ${qualification.status}); use --rerun for another attempt.`);
      return;
    }
    if (values.queue) {
      console.log(`${tag} queued (attempt ${qualification.attempt}${qualification.ref ? `, building ${qualification.ref}` : ""}); the portal's qualification worker will run it.`);
      return;
    }
    const started = Date.now();
    await runQualification(database.prisma, qualification.id, {
      benchTasks,
      onProgress: (step, status) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${step.padEnd(8)} ${status}`),
    });
    const done = await database.prisma.qualification.findUniqueOrThrow({ where: { id: qualification.id } });
    console.log(`${tag}: ${done.status}${done.reason ? ` — ${done.reason}` : ''}`);
    if (done.sourceDigest) console.log(`  source: ${describeSource({ ...done, sourceDigest: done.sourceDigest, sourceFiles: done.sourceFiles ?? 0 }, done.ref)}`);
    if (done.tasksPerSecond) console.log(`  tasks/s (median of ${done.benchRuns.length}, spread ${Math.round(done.benchSpread ?? 0)}): ${Math.round(done.tasksPerSecond)}${done.regressionNote ? `; ${done.regressionNote}` : ''}${done.regressed ? ' REGRESSED' : ''}`);
    if (done.tarballSha256) console.log(`  tarball: ${done.tarballSize} bytes, sha256 ${done.tarballSha256}`);
    const gate = await getGaGate(database.prisma, done.cycleId);
    console.log(`  GA gate: ${gate.state} — ${gate.message}`);
    if (done.status !== 'PASSED') process.exitCode = 1;
  } finally {
    await database.close();
  }
});
