#!/usr/bin/env node
// runtime-core CLI, in the spirit of ctr. Global flags: --root DIR (persistent data,
// default ./.runtime-core or $RUNTIME_CORE_ROOT), --state DIR (ephemeral, default on /dev/shm).
import v8 from 'node:v8';
import path from 'node:path';
import { Client } from '../client/client.js';
import { toRuntimeError } from '../errdefs/errdefs.js';
import { DEFAULT_BENCH, bench } from '../bench/bench.js';
import { smoke } from '../smoke/smoke.js';
import { conformance, RUNTIMES, type RuntimeKind } from '../conformance/conformance.js';
import { invalidArgument } from '../errdefs/errdefs.js';
import { VERSION } from '../version.js';
import { flag, intFlag, parseArgs, rejectUnknownFlags, type Parsed } from './args.js';
import { COMMAND_FLAGS, commands } from './commands.js';

// The in-process shim, if selected, runs node:wasi here too (see the shim process flags).
v8.setFlagsFromString('--no-turbo-fast-api-calls');
// Eight times V8's default interrupt budget (67,584) before a function goes to the optimising
// compiler: a CLI process is short-lived, and in a cold 1,000-task bench TurboFan compiling the
// runtime's large async functions (task create and delete, event publishing) cost more CPU than
// the optimised code saved (runtime CPU per task ≈ 160 → ≈ 90 µs); long runs still optimise.
// Set for this process only: a program embedding the Client keeps its own V8 flags.
v8.setFlagsFromString('--interrupt-budget=540672');

const USAGE = `usage: runtime-core [--root DIR] [--state DIR] COMMAND   (runtime-core --version)

  images import [--name NAME] [--no-unpack] PATH     import an OCI layout (directory or .tar)
  images ls [FILTER...]                              list images
  images rm NAME...                                  remove images
  images export [--format tar|directory] OUT NAME... export images as an OCI layout
  run [--rm] [--runtime R] [--timeout MS] [--env K=V]... [--clear-env] [--io file|pipe|null]
      [--stdin FILE|-] [--dir HOST[:GUEST]]... IMAGE|FILE.wasm ID [-- ARGS...]
                                                     run a task from an image or a module file
  tasks ls                                           list tasks started by run
  tasks kill [--signal SIG] ID                       signal a task
  tasks rm ID...                                     remove stopped tasks (kept file output, or a dead run's)
  events [--format text|json] [FILTER...]            stream the events of every process on this root
  plugins ls [--detailed]                            list plugins, their status and init errors
  content ls [FILTER...]                             list blobs
  content gc                                         remove blobs and snapshots no image or lease uses
  smoke [--runtime R]                                run the smoke suite; last stdout line is JSON
  conformance [--suite DIR]... [--runtime runtime-core|node-wasi]...
                                                     run WASI test suites (wasi-testsuite format; the
                                                     built-in WAT cases by default) through runtime-core
                                                     and plain node:wasi; last stdout line is JSON
  bench [--tasks N] [--parallel N] [--warmup N] [--baseline-tasks N] [--io file|pipe|null]
        [--no-events] [--rootfs] [--runtime R] [--workers N] [--max-tasks-per-shim N] [--ceiling]
        [--output-mib N] [--pipe-limit-mib N]        stress benchmark; last stdout line is JSON
`;

const BOOLEANS = new Set(['version', 'rm', 'no-unpack', 'detailed', 'no-events', 'rootfs', 'ceiling', 'help', 'clear-env']);
const GLOBAL_FLAGS = ['root', 'state', 'help', 'version'];

async function main(argv: string[]): Promise<number> {
  const p: Parsed = parseArgs(argv, BOOLEANS);
  if (flag(p, 'version') && p.positional.length === 0) {
    process.stdout.write(`runtime-core ${VERSION} (node ${process.version}, node:wasi preview1)\n`);
    return 0;
  }
  if (flag(p, 'help') || p.positional.length === 0) {
    process.stdout.write(USAGE);
    return p.positional.length === 0 && !flag(p, 'help') ? 2 : 0;
  }
  const [cmd, sub] = p.positional;
  const command = COMMAND_FLAGS[`${cmd} ${sub ?? ''}`] ? `${cmd} ${sub}` : cmd!;
  if (COMMAND_FLAGS[command]) rejectUnknownFlags(p, `runtime-core ${command}`, [...COMMAND_FLAGS[command]!, ...GLOBAL_FLAGS]);
  if (cmd === 'smoke') {
    const r = await smoke({ ...(flag(p, 'runtime') ? { runtime: flag(p, 'runtime')! } : {}), log: (l) => process.stderr.write(`${l}\n`) });
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return r.ok ? 0 : 1;
  }
  if (cmd === 'conformance') {
    const runtimes = (p.flags.get('runtime') ?? RUNTIMES) as RuntimeKind[];
    for (const r of runtimes) if (!RUNTIMES.includes(r)) throw invalidArgument(`--runtime: want ${RUNTIMES.join(' or ')}, got ${JSON.stringify(r)}`);
    const r = await conformance({ suites: p.flags.get('suite') ?? [], runtimes, log: (l) => process.stderr.write(`${l}\n`) });
    const lines = r.results.map((x) => `${x.runtime.padEnd(13)} ${x.passed}/${x.total} passed`);
    if (r.regressions.length) lines.push(`runtime-core fails what node:wasi passes: ${r.regressions.join(', ')}`);
    process.stdout.write(`${[...lines, JSON.stringify(r)].join('\n')}\n`);
    return r.ok ? 0 : 1;
  }
  if (cmd === 'bench') {
    const tasks = intFlag(p, 'tasks', DEFAULT_BENCH.tasks);
    const r = await bench({
      tasks,
      parallel: intFlag(p, 'parallel', DEFAULT_BENCH.parallel),
      baselineTasks: intFlag(p, 'baseline-tasks', Math.min(tasks, DEFAULT_BENCH.baselineTasks)),
      io: (flag(p, 'io') ?? DEFAULT_BENCH.io) as 'file',
      events: !flag(p, 'no-events'),
      rootfs: Boolean(flag(p, 'rootfs')),
      runtime: flag(p, 'runtime') ?? DEFAULT_BENCH.runtime,
      workers: intFlag(p, 'workers', DEFAULT_BENCH.workers),
      warmup: intFlag(p, 'warmup', DEFAULT_BENCH.warmup, 0),
      ...(flag(p, 'max-tasks-per-shim') === undefined ? {} : { maxTasksPerShim: intFlag(p, 'max-tasks-per-shim', 0) }),
      ceiling: Boolean(flag(p, 'ceiling')),
      ...(flag(p, 'output-mib') === undefined ? {} : { outputMiB: intFlag(p, 'output-mib', 1) }),
      ...(flag(p, 'pipe-limit-mib') === undefined ? {} : { pipeLimitMiB: intFlag(p, 'pipe-limit-mib', 1) }),
      log: (l) => process.stderr.write(`${l}\n`),
    });
    process.stdout.write(
      [
        `tasks/s       ${r.tasksPerSecond}  (${r.tasks} tasks in ${r.durationMs} ms after ${r.warmup} untimed, parallel ${r.parallel}, io ${r.io}, ${r.events} events)`,
        `latency       p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms`,
        `baseline      ${r.baselineTasksPerSecond} tasks/s (process per task, ${r.baselineTasks} tasks)`,
        `ratio         ${r.ratio}x`,
        `cpu per task  runtime ${r.cpuUsPerTask.runtime} us, shims ${r.cpuUsPerTask.shims} us`,
        ...(r.ceilingInstancesPerSecond === undefined
          ? []
          : [`ceiling       ${r.ceilingInstancesPerSecond} bare instances/s (new WASI + Instance + start in one thread per shim worker, no runtime); tasks/s is ${Math.round((100 * r.tasksPerSecond) / r.ceilingInstancesPerSecond)}% of it`]),
        `fds runtime   ${r.fds.runtimeBefore} -> ${r.fds.runtimeAfter}`,
        `peak rss      runtime ${r.peakRssMiB.runtime} MiB, shims [${r.peakRssMiB.shims.join(', ')}] MiB${r.outputBytes === undefined ? '' : ` (stdout per task ${r.outputBytes} bytes)`}`,
        `fds shims     [${r.fds.shimsBefore.join(', ')}] -> [${r.fds.shimsAfter.join(', ')}], max ${r.fds.shimsMax} (pids ${r.shims.map((s) => s.pid).join(', ')})`,
        JSON.stringify(r),
        '',
      ].join('\n'),
    );
    return 0;
  }
  const pair = commands[`${cmd} ${sub ?? ''}`];
  const single = commands[cmd!];
  if (!pair && !single) {
    process.stderr.write(`runtime-core: invalid_argument: unknown command ${JSON.stringify(p.positional.slice(0, 2).join(' '))}\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(flag(p, 'root') ?? process.env.RUNTIME_CORE_ROOT ?? '.runtime-core');
  const state = flag(p, 'state');
  const client = await Client.open({ root, ...(state ? { state: path.resolve(state) } : {}) });
  try {
    return pair ? await pair(client, p, p.positional.slice(2)) : await single!(client, p, p.positional.slice(1));
  } finally {
    await client.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const e = toRuntimeError(err);
    process.stderr.write(`runtime-core: ${e.code}: ${e.message}\n`);
    process.exitCode = 1;
  },
);
