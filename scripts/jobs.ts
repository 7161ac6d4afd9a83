import http from 'node:http';
import { describeTarget, openDatabase, prepareDatabase } from '@shepherd/governance';
import { flushLogs, logger } from '@shepherd/governance/observability/logger';
import { listJobRuns } from '@shepherd/governance/scheduler/index';
import { answerOperations, OPERATIONS_PATHS } from '../apps/web/server/operations';
import { JOBS, runJob, startScheduler } from '../jobs/index';
import { runCli } from './cli';

// `npm run jobs`: a scheduler worker. With PostgreSQL, run it on as many machines as you like:
// each tick of each job runs once across all of them. With the embedded database the portal
// (`npm start`) runs the scheduler itself and this command cannot open the database meanwhile.
// `--port N` (or SHEPHERD_JOBS_PORT) also answers /healthz, /readyz and /metrics there.
// SIGTERM/SIGINT: no new ticks; running jobs get half of SHEPHERD_SHUTDOWN_TIMEOUT_MS to finish,
// then hand their tick back (lease released), and the process exits.
const USAGE = `usage: npm run jobs [-- --once <job> | --list | --port <n>]
  (no option)   run the scheduler until SIGINT/SIGTERM
  --port <n>    also serve /healthz, /readyz and /metrics on that port (or SHEPHERD_JOBS_PORT)
  --once <job>  run one job now and exit (jobs: ${JOBS.map((job) => job.name).join(', ')})
  --list        print the latest job runs`;

await runCli(async () => {
  const args = process.argv.slice(2);
  if (args.includes('--help')) return console.log(USAGE);
  const portIndex = args.indexOf('--port');
  const portText = portIndex >= 0 ? args[portIndex + 1] : process.env.SHEPHERD_JOBS_PORT?.trim();
  const port = portText ? Number(portText) : null;
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65_535)) throw new Error(`--port needs a port number, got "${portText}"`);
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
  const log = logger().child({ component: 'jobs' });
  const scheduler = startScheduler(database.prisma, JOBS);
  let shuttingDown = false;
  const server = port === null ? null : http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (!OPERATIONS_PATHS.has(path)) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The jobs worker answers /healthz, /readyz and /metrics only.\n');
      return;
    }
    void answerOperations(request, response, { prisma: async () => database.prisma, shuttingDown: () => shuttingDown }).catch((error: Error) => {
      log.error({ err: error }, 'operations endpoint failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  if (server) await new Promise<void>((resolve) => server.listen(port!, resolve));
  const address = server?.address();
  log.info(
    { database: describeTarget(database.target), jobs: JOBS.map((job) => ({ name: job.name, schedule: job.schedule })), port: typeof address === 'object' && address ? address.port : undefined },
    `${describeTarget(database.target)}; ${JOBS.map((job) => `${job.name} (${job.schedule})`).join(', ')}${typeof address === 'object' && address ? `; operations on port ${address.port}` : ''}`,
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, () => resolve(name));
  });
  shuttingDown = true;
  const timeoutMs = Number(process.env.SHEPHERD_SHUTDOWN_TIMEOUT_MS) || 20_000;
  log.info({ signal }, `${signal}: stopping — no new ticks; running jobs finish or hand their tick back (at most ${timeoutMs} ms)`);
  const forced = setTimeout(() => {
    log.error(`shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
    flushLogs();
    process.exit(1);
  }, timeoutMs);
  await scheduler.stop({ graceMs: Math.floor(timeoutMs / 2) });
  server?.close();
  await database.close();
  clearTimeout(forced);
  log.info('stopped');
  flushLogs();
});
