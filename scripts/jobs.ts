import { describeTarget, openDatabase, prepareDatabase } from '@shepherd/governance';
import { listJobRuns } from '@shepherd/governance/scheduler/index';
import { JOBS, runJob, startScheduler } from '../jobs/index';
import { runCli } from './cli';

// `npm run jobs`: a scheduler worker. With PostgreSQL, run it on as many machines as you like:
// each tick of each job runs once across all of them. With the embedded database the portal
// (`npm start`) runs the scheduler itself and this command cannot open the database meanwhile.
const USAGE = `usage: npm run jobs [-- --once <job> | --list]
  (no option)   run the scheduler until SIGINT/SIGTERM
  --once <job>  run one job now and exit (jobs: ${JOBS.map((job) => job.name).join(', ')})
  --list        print the latest job runs`;

await runCli(async () => {
  const args = process.argv.slice(2);
  if (args.includes('--help')) return console.log(USAGE);
  const database = await openDatabase();
  await prepareDatabase(database);
  if (args.includes('--list')) {
    for (const run of await listJobRuns(database.prisma, { limit: 30 })) {
      console.log(`${run.startedAt.toISOString()}  ${run.job.padEnd(10)} ${run.outcome.padEnd(9)} ${run.worker}  ${run.error ?? run.summary ?? ''}`);
    }
    return database.close();
  }
  const once = args.indexOf('--once');
  if (once >= 0) {
    const job = JOBS.find((candidate) => candidate.name === args[once + 1]);
    if (!job) throw new Error(`--once needs a job name (${JOBS.map((candidate) => candidate.name).join(', ')}), got "${args[once + 1] ?? ''}"`);
    // A manual run is its own tick (to the millisecond), so it never takes a scheduled tick's lease.
    const outcome = await runJob(database.prisma, job, { scheduledAt: new Date(), log: console.log });
    console.log(`${job.name}: ${outcome.outcome} ${outcome.summary ?? outcome.error ?? ''}`);
    if (outcome.outcome === 'FAILED') process.exitCode = 1;
    return database.close();
  }
  const scheduler = startScheduler(database.prisma, JOBS);
  console.log(`Shepherd jobs: ${describeTarget(database.target)}; ${JOBS.map((job) => `${job.name} (${job.schedule})`).join(', ')}`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await scheduler.stop();
  await database.close();
});
