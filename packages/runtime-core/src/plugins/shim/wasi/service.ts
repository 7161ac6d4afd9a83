// The WASI shim's task service (runwasi's Instance + containerd's shim task API): keeps
// the task table, runs tasks on the worker pool and emits task events in lifecycle order.
import { readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { Topic } from '../../../core/events/events.js';
import type { CreateTaskRequest, ExitResponse, ShimEvent, ShimStats, TaskService, TaskStateResponse } from '../../../core/shim/shim.js';
import { signalExitStatus, type Status } from '../../../core/runtime/runtime.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound, unavailable } from '../../../errdefs/errdefs.js';
import { peakRssBytes } from '../../../pkg/proc.js';
import { ModuleCache, type CompiledModule } from './modcache.js';
import { WorkerPool } from './pool.js';
import { exitEvent, type StdioTarget, type WorkResult } from './protocol.js';

interface TaskEntry {
  req: CreateTaskRequest;
  compiled: CompiledModule;
  env: Record<string, string>;
  status: Status;
  // Captured output went to spill files in the bundle (the runtime reads and removes them).
  spilled?: boolean;
  exit?: ExitResponse;
  waiters: ((e: ExitResponse) => void)[];
}

const STREAMS = ['stdout', 'stderr'] as const;

// A file in the task's bundle. Plain concatenation: path.join per file per task was hot enough
// for V8 to spend milliseconds optimising it in every cold shim. The bundle is the runtime's
// normalised absolute path.
const inBundle = (bundle: string, name: string) => (bundle.endsWith('/') ? bundle + name : `${bundle}/${name}`);
const hasFile = (req: CreateTaskRequest) => req.io.stdout === 'file' || req.io.stderr === 'file';

// Cleanup of files that may already be gone: only "does not exist" / "not empty" are expected.
function ignoreGone(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY') throw err;
  }
}

// Captured output kept per stream unless configured otherwise.
export const DEFAULT_PIPE_LIMIT_BYTES = 16 * 1024 * 1024;
// Workers a shim may run while its usual ones are all busy with long tasks.
export const DEFAULT_MAX_WORKERS = 8;

export interface ServiceOptions {
  workers: number;
  workerMaxTasks: number;
  // Upper bound on worker threads, extra ones started while every worker is busy included.
  maxWorkers?: number;
  // Captured "pipe" output kept per stream (the rest is dropped and counted).
  pipeLimitBytes?: number;
  // The process's Wasm memory limit (--wasm-max-mem-pages), when it has one.
  memoryLimitMiB?: number;
  emit: (e: ShimEvent) => void;
}

function envRecord(env: string[], task: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of env) {
    const i = kv.indexOf('=');
    if (i <= 0) throw invalidArgument(`task ${task}: env entry ${JSON.stringify(kv)} is not KEY=VALUE`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

// The task's preopened directories: the image rootfs at "/", then the extra ones.
function preopens(spec: CreateTaskRequest['spec']): Record<string, string> {
  const out: Record<string, string> = {};
  if (spec.rootfs) out['/'] = spec.rootfs;
  for (const d of spec.dirs ?? []) out[d.guest] = d.host;
  return out;
}

export const cpuMicros = (u: NodeJS.CpuUsage) => u.user + u.system;

export function countOpenFds(): number {
  return readdirSync('/proc/self/fd').length;
}

export class WasiTaskService implements TaskService {
  private readonly tasks = new Map<string, TaskEntry>();
  private readonly cache: ModuleCache;
  private readonly pool: WorkerPool;
  private shuttingDown = false;

  constructor(private readonly opts: ServiceOptions) {
    this.cache = new ModuleCache(opts.memoryLimitMiB);
    this.pool = new WorkerPool({
      workers: opts.workers,
      maxWorkers: opts.maxWorkers ?? Math.max(opts.workers, DEFAULT_MAX_WORKERS),
      maxTasks: opts.workerMaxTasks,
      pipeLimitBytes: opts.pipeLimitBytes ?? DEFAULT_PIPE_LIMIT_BYTES,
      ...(opts.memoryLimitMiB === undefined ? {} : { memoryLimitMiB: opts.memoryLimitMiB }),
    });
  }

  // Settled once a worker thread has booted.
  get ready(): Promise<void> {
    return this.pool.ready;
  }

  private get(id: string): TaskEntry {
    const t = this.tasks.get(id);
    if (!t) throw notFound(`task ${JSON.stringify(id)}: not found in shim ${process.pid}`);
    return t;
  }

  async create(req: CreateTaskRequest): Promise<{ pid: number }> {
    if (this.shuttingDown) throw unavailable(`shim ${process.pid} is shutting down`);
    if (this.tasks.has(req.id)) throw alreadyExists(`task ${JSON.stringify(req.id)}: already exists`);
    const env = envRecord(req.spec.env, req.id);
    const compiled = await this.cache.get(req.spec.module.path, req.spec.module.digest);
    if (this.tasks.has(req.id)) throw alreadyExists(`task ${JSON.stringify(req.id)}: already exists`);
    // The worker that runs the task makes its bundle directory for "file" streams.
    this.tasks.set(req.id, { req, compiled, env, status: 'created', waiters: [] });
    // The bundle and stdio paths are the runtime's own: it adds them to the event it publishes.
    this.opts.emit({ topic: Topic.TaskCreate, event: { containerId: req.id, pid: process.pid } });
    return { pid: process.pid };
  }

  async start(id: string): Promise<{ pid: number }> {
    const t = this.get(id);
    if (t.status !== 'created') throw failedPrecondition(`task ${JSON.stringify(id)}: cannot start, it is ${t.status}`);
    // "pipe" output past the inline size spills next to where "file" output would be.
    const [stdout, stderr] = STREAMS.map((stream): StdioTarget => {
      const mode = t.req.io[stream];
      if (mode === 'null') return { mode };
      return { mode, path: inBundle(t.req.bundle, mode === 'file' ? stream : `${stream}.pipe`) };
    });
    t.status = 'running';
    this.opts.emit({ topic: Topic.TaskStart, event: { containerId: id, pid: process.pid } });
    this.pool.submit(
      {
        id,
        moduleKey: t.compiled.key,
        args: t.req.spec.args,
        env: t.env,
        preopens: preopens(t.req.spec),
        stdin: t.req.spec.stdin === undefined ? {} : { path: t.req.spec.stdin },
        stdout: stdout!,
        stderr: stderr!,
      },
      t.compiled,
      (r) => this.exited(t, r),
    );
    return { pid: process.pid };
  }

  private exited(t: TaskEntry, r: WorkResult): void {
    const exit: ExitResponse = { id: t.req.id, pid: process.pid, exitStatus: r.status, exitedAt: new Date().toISOString() };
    if (r.error) exit.error = r.error;
    for (const stream of STREAMS) {
      const c = r[stream];
      if (!c) continue;
      if (c.file) {
        exit[`${stream}File`] = c.file;
        t.spilled = true;
      } else if (c.bytes) exit[stream] = c.bytes;
      if (c.dropped > 0) exit.truncated = { ...exit.truncated, [stream]: c.dropped };
    }
    t.status = 'stopped';
    t.exit = exit;
    this.opts.emit({ topic: Topic.TaskExit, event: exitEvent(exit), exit });
    for (const w of t.waiters.splice(0)) w(exit);
  }

  async kill(id: string, signal: NodeJS.Signals): Promise<void> {
    const t = this.get(id);
    if (t.status === 'stopped') throw failedPrecondition(`task ${JSON.stringify(id)}: already stopped`);
    if (t.status === 'created') {
      t.status = 'running';
      this.exited(t, { status: signalExitStatus(signal), error: `killed by ${signal} before it started` });
      return;
    }
    this.pool.kill(id, signal);
  }

  wait(id: string): Promise<ExitResponse> {
    const t = this.get(id);
    if (t.exit) return Promise.resolve(t.exit);
    return new Promise((resolve) => t.waiters.push(resolve));
  }

  async delete(id: string): Promise<ExitResponse> {
    const t = this.get(id);
    if (t.status === 'running') throw failedPrecondition(`task ${JSON.stringify(id)}: cannot delete a running task; kill it first`);
    this.tasks.delete(id);
    if (hasFile(t.req) || t.spilled) {
      for (const stream of STREAMS) {
        if (t.req.io[stream] === 'file') ignoreGone(() => unlinkSync(inBundle(t.req.bundle, stream)));
        if (t.spilled) ignoreGone(() => unlinkSync(inBundle(t.req.bundle, `${stream}.pipe`)));
      }
      ignoreGone(() => rmdirSync(t.req.bundle));
    }
    // Like containerd's DeleteResponse: the status, not the captured output (wait has that).
    const { stdout: _o, stderr: _e, stdoutFile: _of, stderrFile: _ef, ...exit } = t.exit ?? { id, pid: process.pid, exitStatus: 0, exitedAt: new Date().toISOString() };
    this.opts.emit({
      topic: Topic.TaskDelete,
      event: { containerId: id, id, pid: exit.pid, exitStatus: exit.exitStatus, exitedAt: exit.exitedAt },
    });
    return exit;
  }

  async state(id: string): Promise<TaskStateResponse> {
    const t = this.get(id);
    const s: TaskStateResponse = { id, pid: process.pid, status: t.status };
    if (t.exit) {
      s.exitStatus = t.exit.exitStatus;
      s.exitedAt = t.exit.exitedAt;
    }
    return s;
  }

  async stats(): Promise<ShimStats> {
    return {
      pid: process.pid,
      openFds: countOpenFds(),
      tasksRun: this.pool.tasksRun,
      workers: this.pool.workers,
      workersRecycled: this.pool.recycled,
      cachedModules: this.cache.size,
      rssBytes: process.memoryUsage.rss(),
      peakRssBytes: peakRssBytes(),
      cpuUs: cpuMicros(process.cpuUsage()),
    };
  }

  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    await this.pool.close();
  }
}
