// runwasi-style stress benchmark: each task is create -> start -> wait (must exit 0) ->
// delete, `parallel` at a time; the clock runs from the first start to the last finish.
// The same run measures the process-per-task baseline and reports the ratio.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, DEFAULT_RUNTIME, stateBase } from '../client/client.js';
import type { IOMode } from '../core/runtime/runtime.js';
import { DEFAULT_MEMORY_LIMIT_MIB, SHIM_NODE_FLAGS, memoryLimitFlag } from '../plugins/shim/wasi/manager.js';
import { cpuMicros } from '../plugins/shim/wasi/service.js';
import { nodeArgsFor, siblingEntry } from '../pkg/entry.js';
import { peakRssBytes } from '../pkg/proc.js';
import { MODULES } from '../smoke/modules.js';
import { rootfsImage, wasmArtifact, writeLayout } from '../smoke/ocibuild.js';
import { wat2wasm } from '../smoke/wat.js';

export interface BenchOptions {
  tasks: number;
  parallel: number;
  baselineTasks: number;
  io: IOMode;
  events: boolean;
  runtime: string;
  // Run hello from an ordinary image: a rootfs copy per task, preopened at "/".
  rootfs: boolean;
  // Untimed tasks first (default none): module compile, and the JIT and heaps of the runtime,
  // the shim and its workers reaching their steady state (about 5,000 tasks on this VM).
  warmup: number;
  // Worker threads per shim; tasks per shim process before it is replaced (all tasks, and
  // those with a preopen), the plugin's defaults when unset.
  workers: number;
  maxTasksPerShim?: number;
  // Also measure bare instances (no runtime) in as many threads as shim workers: the ceiling.
  ceiling?: boolean;
  // Each task writes this many MiB to stdout (a noisy guest) instead of one line.
  outputMiB?: number;
  // The shim's pipeOutputLimitBytes, in MiB (its default otherwise).
  pipeLimitMiB?: number;
  root?: string;
  log: (line: string) => void;
}

export interface BenchResult {
  tasks: number;
  warmup: number;
  parallel: number;
  runtime: string;
  io: IOMode;
  // Task events the subscriber received for the timed tasks (4 per task when all arrived).
  events: number;
  durationMs: number;
  tasksPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  baselineTasks: number;
  baselineTasksPerSecond: number;
  ratio: number;
  // shimsMax: the highest fd count of any shim, sampled every tenth of the run.
  fds: { runtimeBefore: number; runtimeAfter: number; shimsBefore: number[]; shimsAfter: number[]; shimsMax: number };
  shims: { pid: number; tasksRun: number; workersRecycled: number }[];
  // CPU time per task during the clocked run, microseconds: this (runtime) process, and the
  // shim processes as last sampled (every tenth of the run and at its end), so a shim retired
  // mid-run counts up to its last sample.
  cpuUsPerTask: { runtime: number; shims: number };
  // With --ceiling: bare new WASI + Instance + start per second, with the shim's node flags.
  ceilingInstancesPerSecond?: number;
  // Peak resident memory (VmHWM) of this process and of each shim alive at the end, MiB.
  peakRssMiB: { runtime: number; shims: number[] };
  // With --output-mib: stdout bytes the first timed task handed back (pipe) or wrote (file).
  outputBytes?: number;
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

const fdCount = async () => (await readdir('/proc/self/fd')).length;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

// On the first failure no new work starts; in-flight work finishes before the error is thrown.
async function runPool(n: number, parallel: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const lanes = Array.from({ length: Math.min(parallel, n) }, async () => {
    while (next < n && !failure) {
      try {
        await fn(next++);
      } catch (err) {
        failure ??= { err };
      }
    }
  });
  await Promise.all(lanes);
  if (failure) throw failure.err;
}

async function baseline(wasmPath: string, dir: string, n: number, parallel: number): Promise<number> {
  const entry = siblingEntry(import.meta.url, 'baseline');
  const start = performance.now();
  await runPool(n, parallel, (i) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--no-turbo-fast-api-calls', '--disable-warning=ExperimentalWarning', ...nodeArgsFor(entry), entry.file, wasmPath, path.join(dir, `baseline-${i}.out`)], {
        stdio: 'ignore',
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`baseline task ${i} exited ${code}`))));
    }),
  );
  return (n / (performance.now() - start)) * 1000;
}

async function ceiling(wasmPath: string, threads: number, perThread: number): Promise<number> {
  const entry = siblingEntry(import.meta.url, 'ceiling');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SHIM_NODE_FLAGS, memoryLimitFlag(DEFAULT_MEMORY_LIMIT_MIB), ...nodeArgsFor(entry), entry.file, wasmPath, String(threads), String(perThread)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { instancesPerSecond: number }).instancesPerSecond) : reject(new Error(`ceiling run exited ${code}`))));
  });
}

export async function bench(opts: BenchOptions): Promise<BenchResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'runtime-core-bench-'));
  const root = opts.root ?? path.join(work, 'root');
  const state = await mkdtemp(path.join(stateBase(), 'runtime-core-bench-'));
  const shimConfig = {
    workers: opts.workers,
    ...(opts.pipeLimitMiB === undefined ? {} : { pipeOutputLimitBytes: opts.pipeLimitMiB * 1024 * 1024 }),
    ...(opts.maxTasksPerShim === undefined ? {} : { maxTasksPerShim: opts.maxTasksPerShim, maxPreopenTasksPerShim: opts.maxTasksPerShim }),
  };
  const client = await Client.open({
    root,
    state,
    config: { 'io.containerd.shim.v1.wasi': shimConfig, 'io.containerd.shim.v1.wasi-inprocess': shimConfig },
  });
  try {
    const moduleName = opts.outputMiB === undefined ? 'hello' : 'noisy';
    const wasm = await wat2wasm(moduleName, MODULES[moduleName]);
    const wasmPath = path.join(work, 'hello.wasm');
    await writeFile(wasmPath, wasm);
    const image = opts.rootfs
      ? await rootfsImage({ layers: [[{ name: 'hello.wasm', data: wasm }]], entrypoint: ['/hello.wasm'] })
      : wasmArtifact(wasm);
    await client.importImage(await writeLayout(path.join(work, 'layout'), [{ name: 'bench/hello:latest', image }]));

    let events = 0;
    const sub = opts.events ? client.events.subscribe('topic~=^/tasks/,event.containerId~=^bench-') : undefined;
    const counting = sub
      ? (async () => {
          for await (const _ of sub) events++;
        })()
      : Promise.resolve();

    let outputBytes: number | undefined;
    const args = opts.outputMiB === undefined ? {} : { args: [String(opts.outputMiB)] };
    const runTask = async (id: string) => {
      const t = await client.newTask(id, { image: 'bench/hello:latest', runtime: opts.runtime, io: { stdout: opts.io, stderr: opts.io }, ...args });
      await t.start();
      const exit = await t.wait();
      if (exit.status !== 0) throw new Error(`task ${id} exited ${exit.status}${exit.error ? `: ${exit.error}` : ''}`);
      if (opts.outputMiB !== undefined && outputBytes === undefined && id.startsWith('bench-')) {
        const st = await t.state();
        outputBytes = opts.io === 'file' ? (await stat(st.stdout!)).size : (exit.stdout?.length ?? 0);
      }
      await t.delete();
    };
    // The shim process is started before the clock, as a sandbox's shim is before its first
    // task; everything else (module compile, every process's JIT and heap growth) is timed
    // unless warm-up tasks run first.
    await client.tasks.group(opts.runtime, '', true)!.currentPid();
    const warmup = opts.warmup;
    if (warmup > 0) {
      opts.log(`warm-up: ${warmup} tasks, not timed`);
      await runPool(warmup, opts.parallel, (i) => runTask(`warmup-${i}`));
    }
    const runtimeBefore = await fdCount();
    const statsBefore = await client.tasks.shimStats();
    const shimsBefore = statsBefore.map((s) => s.openFds);
    opts.log(`runtime-core bench: ${opts.tasks} tasks, parallel ${opts.parallel}, runtime ${opts.runtime}, io ${opts.io}, events ${opts.events ? 'on' : 'off'}${opts.rootfs ? ', rootfs image' : ''}`);

    const latencies: number[] = [];
    let done = 0;
    let shimsMax = Math.max(0, ...shimsBefore);
    // The in-process shim reports this process's own CPU: not counted twice.
    const shimCpu = new Map<number, number>();
    const sample = async () => {
      const stats = await client.tasks.shimStats();
      for (const s of stats) {
        shimsMax = Math.max(shimsMax, s.openFds);
        if (s.pid !== process.pid) shimCpu.set(s.pid, s.cpuUs);
      }
      return stats;
    };
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await runPool(opts.tasks, opts.parallel, async (i) => {
      const t0 = performance.now();
      await runTask(`bench-${i}`);
      latencies.push(performance.now() - t0);
      if (++done % Math.max(1, Math.floor(opts.tasks / 10)) === 0) {
        opts.log(`  ${done}/${opts.tasks} tasks`);
        await sample();
      }
    });
    const durationMs = performance.now() - start;
    const runtimeCpu = cpuMicros(process.cpuUsage(cpuBefore));
    const stats = await sample();
    let shimsCpu = 0;
    for (const [pid, cpu] of shimCpu) shimsCpu += cpu - (statsBefore.find((b) => b.pid === pid)?.cpuUs ?? 0);
    const runtimeAfter = await fdCount();
    sub?.close();
    await counting;

    // The baseline gets its best parallelism: more processes than cores only thrash.
    const baselineParallel = Math.min(opts.parallel, availableParallelism());
    opts.log(`baseline: ${opts.baselineTasks} tasks, one node process each, parallel ${baselineParallel}`);
    const baselineTps = await baseline(wasmPath, work, opts.baselineTasks, baselineParallel);
    const ceilingIps = opts.ceiling ? await ceiling(wasmPath, opts.workers, Math.max(10_000, Math.ceil(opts.tasks / opts.workers))) : undefined;
    latencies.sort((a, b) => a - b);
    const tps = (opts.tasks / durationMs) * 1000;
    return {
      tasks: opts.tasks,
      warmup,
      parallel: opts.parallel,
      runtime: opts.runtime,
      io: opts.io,
      events,
      durationMs: round(durationMs, 1),
      tasksPerSecond: round(tps, 1),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      baselineTasks: opts.baselineTasks,
      baselineTasksPerSecond: round(baselineTps, 2),
      ratio: round(tps / baselineTps, 1),
      fds: { runtimeBefore, runtimeAfter, shimsBefore, shimsAfter: stats.map((s) => s.openFds), shimsMax },
      shims: stats.map((s) => ({ pid: s.pid, tasksRun: s.tasksRun, workersRecycled: s.workersRecycled })),
      cpuUsPerTask: { runtime: Math.round(runtimeCpu / opts.tasks), shims: Math.round(shimsCpu / opts.tasks) },
      peakRssMiB: { runtime: mib(peakRssBytes()), shims: stats.map((s) => mib(s.peakRssBytes)) },
      ...(outputBytes === undefined ? {} : { outputBytes }),
      ...(ceilingIps === undefined ? {} : { ceilingInstancesPerSecond: round(ceilingIps, 1) }),
    };
  } finally {
    await client.close();
    await rm(work, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
}

export const DEFAULT_BENCH: Omit<BenchOptions, 'log'> = {
  tasks: 1000,
  parallel: 32,
  baselineTasks: 100,
  io: 'file',
  events: true,
  runtime: DEFAULT_RUNTIME,
  rootfs: false,
  // A user runs cold: no untimed tasks unless asked for.
  warmup: 0,
  // One worker per core: instantiation is the busiest step and can use every core.
  workers: availableParallelism(),
};
