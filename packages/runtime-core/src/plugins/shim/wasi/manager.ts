// The WASI shim plugin (runtime io.containerd.wasi.v1): each shim is a child process, as
// containerd's shims are, so a node:wasi crash or fd leak stays inside it. The runtime
// retires a shim after maxTasksPerShim tasks, or after maxPreopenTasksPerShim tasks with a
// preopened directory (each leaks an fd until the process exits), and starts a fresh one.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { CreateTaskRequest, ExitResponse, Shim, ShimEvent, ShimManager, ShimOptions, ShimStats, TaskStateResponse } from '../../../core/shim/shim.js';
import { invalidArgument, unavailable } from '../../../errdefs/errdefs.js';
import { nodeArgsFor, siblingEntry } from '../../../pkg/entry.js';
import { Channel, type Frame } from '../../../pkg/channel.js';
import { configCount, PluginType, type Registration } from '../../../plugin/plugin.js';
import { eventFromWire, exitFromWire, type WireExit } from './protocol.js';
import { DEFAULT_MAX_WORKERS, DEFAULT_PIPE_LIMIT_BYTES } from './service.js';

const shimEntry = siblingEntry(import.meta.url, 'main');

// Twice V8's default interrupt budget (67,584): a function is handed to the optimising
// compiler (TurboFan) after twice as much work. Cold, TurboFan took ≈ 100 µs of CPU per task in
// the shim (three isolates: the main thread and each worker compile their own hot code) and as
// much in the runtime's CLI process; with this budget a cold 1,000-task run optimises far less
// and its shim CPU per task fell by about a third, while long runs still reach optimised code.
const TIERING_FLAG = '--interrupt-budget=135168';

// --no-turbo-fast-api-calls: node:wasi segfaulted without it in long runs on Node 20.
// --disable-wasm-trap-handler: smaller Wasm memory reservations make instances cheaper.
export const SHIM_NODE_FLAGS = ['--no-turbo-fast-api-calls', '--disable-wasm-trap-handler', TIERING_FLAG, '--disable-warning=ExperimentalWarning'];

// Without a trap handler V8 reserves a memory's maximum size up front (4 GiB when the module
// declares none); the limit also bounds what each pooled memory holds reserved.
export const DEFAULT_MEMORY_LIMIT_MIB = 256;
const WASM_PAGE_KIB = 64;
const MAX_MEMORY_LIMIT_MIB = 4096; // the wasm32 address space

// A worker starts cold (its own isolate and JIT), so replacing it costs thousands of tasks'
// worth of warm-up; a shim's memory levelled off at ~150 MiB over 30,000 tasks without any.
export const DEFAULT_WORKER_MAX_TASKS = 50_000;

export interface WasiShimConfig {
  workers: number;
  workerMaxTasks: number;
  maxTasksPerShim: number;
  maxPreopenTasksPerShim: number;
  // Per task: a Wasm memory cannot grow past this (memory.grow returns -1).
  memoryLimitMiB: number;
  // Worker threads at most, extra ones started while every worker is busy with a long task.
  maxWorkers: number;
  // Per task and stream: captured "pipe" output kept (the rest is dropped, counted and marked).
  pipeOutputLimitBytes: number;
}

export function memoryLimitFlag(mib: number): string {
  if (!Number.isInteger(mib) || mib < 1 || mib > MAX_MEMORY_LIMIT_MIB) {
    throw invalidArgument(`io.containerd.shim.v1.wasi config memoryLimitMiB: want an integer from 1 to ${MAX_MEMORY_LIMIT_MIB}, got ${JSON.stringify(mib)}`);
  }
  return `--wasm-max-mem-pages=${(mib * 1024) / WASM_PAGE_KIB}`;
}

class ProcessShim implements Shim {
  private readonly channel: Channel;
  private readonly eventFns: ((e: ShimEvent) => void)[] = [];
  private readonly crashFns: ((reason: string) => void)[] = [];
  private stopping = false;
  private gone: Error | undefined;

  constructor(
    readonly id: string,
    private readonly child: ChildProcess,
  ) {
    this.channel = new Channel({
      send: (frames) => {
        if (this.child.connected) this.child.send(frames);
      },
    });
    this.channel.onEvent((w) => {
      const e = eventFromWire(w as Parameters<typeof eventFromWire>[0]);
      for (const fn of this.eventFns) fn(e);
    });
    child.on('message', (m: Frame[] | { ready: number }) => {
      if (Array.isArray(m)) this.channel.receive(m);
    });
    child.on('exit', (code, signal) => {
      const reason = `shim ${id} (pid ${child.pid}) exited unexpectedly: ${signal ? `signal ${signal}` : `exit code ${code}`}`;
      this.gone = unavailable(reason);
      this.channel.failAll(this.gone);
      if (!this.stopping) for (const fn of this.crashFns) fn(reason);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  onEvent(fn: (e: ShimEvent) => void): void {
    this.eventFns.push(fn);
  }

  onCrash(fn: (reason: string) => void): void {
    this.crashFns.push(fn);
  }

  private call<T>(method: string, params: unknown): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    return this.channel.call<T>(method, params);
  }

  create(req: CreateTaskRequest) {
    return this.call<{ pid: number }>('create', req);
  }
  start(id: string) {
    return this.call<{ pid: number }>('start', { id });
  }
  kill(id: string, signal: NodeJS.Signals) {
    return this.call<void>('kill', { id, signal });
  }
  async wait(id: string): Promise<ExitResponse> {
    return exitFromWire(await this.call<WireExit>('wait', { id }));
  }
  async delete(id: string): Promise<ExitResponse> {
    return exitFromWire(await this.call<WireExit>('delete', { id }));
  }
  state(id: string) {
    return this.call<TaskStateResponse>('state', { id });
  }
  stats() {
    return this.call<ShimStats>('stats', {});
  }

  async shutdown(): Promise<void> {
    if (this.gone) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.call('shutdown', {}).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

export class WasiShimManager implements ShimManager {
  readonly runtime = 'io.containerd.wasi.v1';
  private readonly memoryFlag: string;

  constructor(readonly config: WasiShimConfig) {
    this.memoryFlag = memoryLimitFlag(config.memoryLimitMiB);
  }

  get maxTasksPerShim(): number {
    return this.config.maxTasksPerShim;
  }

  get maxPreopenTasksPerShim(): number {
    return this.config.maxPreopenTasksPerShim;
  }

  start(opts: ShimOptions): Promise<Shim> {
    const child = fork(shimEntry.file, [], {
      // RUNTIME_CORE_SHIM_EXEC_ARGV adds node flags to shims, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
      execArgv: [...SHIM_NODE_FLAGS, this.memoryFlag, ...(process.env.RUNTIME_CORE_SHIM_EXEC_ARGV?.split(' ').filter(Boolean) ?? []), ...nodeArgsFor(shimEntry)],
      serialization: 'json',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        RUNTIME_CORE_SHIM_ID: opts.id,
        RUNTIME_CORE_SHIM_WORKERS: String(opts.workers ?? this.config.workers),
        RUNTIME_CORE_SHIM_WORKER_MAX_TASKS: String(opts.workerMaxTasks ?? this.config.workerMaxTasks),
        RUNTIME_CORE_SHIM_MEMORY_LIMIT_MIB: String(this.config.memoryLimitMiB),
        RUNTIME_CORE_SHIM_MAX_WORKERS: String(Math.max(this.config.maxWorkers, opts.workers ?? this.config.workers)),
        RUNTIME_CORE_SHIM_PIPE_LIMIT_BYTES: String(this.config.pipeOutputLimitBytes),
      },
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(unavailable(`shim ${opts.id} failed to start: ${signal ? `signal ${signal}` : `exit code ${code}`}`));
      child.once('exit', onExit);
      child.once('error', (err) => reject(unavailable(`shim ${opts.id} failed to start: ${err.message}`)));
      child.once('message', () => {
        child.off('exit', onExit);
        resolve(new ProcessShim(opts.id, child));
      });
    });
  }
}

export const wasiShimPlugin: Registration<WasiShimManager> = {
  type: PluginType.Shim,
  id: 'wasi',
  init: (ic) =>
    new WasiShimManager({
      workers: configCount(ic, 'workers', Math.max(1, Math.min(2, availableParallelism()))),
      workerMaxTasks: configCount(ic, 'workerMaxTasks', DEFAULT_WORKER_MAX_TASKS),
      maxTasksPerShim: configCount(ic, 'maxTasksPerShim', 100_000),
      maxPreopenTasksPerShim: configCount(ic, 'maxPreopenTasksPerShim', 10_000),
      memoryLimitMiB: configCount(ic, 'memoryLimitMiB', DEFAULT_MEMORY_LIMIT_MIB),
      maxWorkers: configCount(ic, 'maxWorkers', DEFAULT_MAX_WORKERS),
      pipeOutputLimitBytes: configCount(ic, 'pipeOutputLimitBytes', DEFAULT_PIPE_LIMIT_BYTES),
    }),
};
