// containerd's runtime v2 task manager (io.containerd.runtime.v2.task): creates tasks
// through the shim plugin named by the task's runtime, republishes shim events on the
// exchange in the order the shim sent them, and turns a shim crash into exits for the
// tasks it held — the runtime and other shims carry on.
import { readFileSync, unlinkSync } from 'node:fs';
import { rm, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Topic, type Publisher } from '../../core/events/events.js';
import type { CreateOpts, Exit, IOConfig, PlatformRuntime, State, Status, Task } from '../../core/runtime/runtime.js';
import type { ShimEvent, ShimManager } from '../../core/shim/shim.js';
import { alreadyExists, failedPrecondition, invalidArgument, messageOf, notFound } from '../../errdefs/errdefs.js';
import { adaptObject, parseAll } from '../../filters/filters.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import { bufferView } from '../../pkg/bytes.js';
import { ShimGroup, type ShimHandle } from './shimgroup.js';
import { Reservations } from './reservations.js';

const NAMESPACE = 'default';
const DEFAULT_GROUP = '';
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
export const EXIT_SHIM_CRASH = 255;

// The shim creates the bundle and removes it on delete; this is for a shim that died.
// The bundle holds only stdout/stderr: unlinking them directly is cheaper than a recursive rm.
async function removeBundle(bundle: string): Promise<void> {
  await Promise.all(['stdout', 'stderr'].map((f) => unlink(path.join(bundle, f)).catch(() => undefined)));
  await rmdir(bundle).catch(() => rm(bundle, { recursive: true, force: true }));
}

// Captured output too big to travel with the exit: read it from the shim's spill file (a
// Buffer, never a string) and remove the file. Synchronous, so exits keep their order.
function takeSpilled(file: string, exit: Exit): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    unlinkSync(file);
    return bytes;
  } catch (err) {
    exit.error = `${exit.error ? `${exit.error}; ` : ''}captured output lost: ${messageOf(err)}`;
    return undefined;
  }
}

class RuntimeTask implements Task {
  status: Status = 'created';
  exit: Exit | undefined;
  private readonly waiters: ((e: Exit) => void)[] = [];
  pid = 0;
  handle!: ShimHandle;
  group!: ShimGroup;
  deleted = false;

  constructor(
    readonly id: string,
    readonly runtime: string,
    readonly bundle: string,
    readonly io: IOConfig,
    readonly labels: Record<string, string>,
    private readonly manager: TaskManager,
    private readonly onDelete: (() => Promise<void>) | undefined,
    readonly sandboxId?: string,
  ) {}

  exited(e: Exit): void {
    if (this.exit) return;
    this.status = 'stopped';
    this.exit = e;
    for (const w of this.waiters.splice(0)) w(e);
  }

  async start(): Promise<void> {
    if (this.status !== 'created') throw failedPrecondition(`task ${this.id}: cannot start, it is ${this.status}`);
    await this.handle.shim.start(this.id);
    if (this.status === 'created') this.status = 'running';
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exit) throw failedPrecondition(`task ${this.id}: already stopped`);
    await this.handle.shim.kill(this.id, signal);
  }

  wait(): Promise<Exit> {
    if (this.exit) return Promise.resolve(this.exit);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async state(): Promise<State> {
    const s: State = { id: this.id, pid: this.pid, status: this.status, bundle: this.bundle };
    if (this.io.stdout === 'file') s.stdout = path.join(this.bundle, 'stdout');
    if (this.io.stderr === 'file') s.stderr = path.join(this.bundle, 'stderr');
    if (this.exit) {
      s.exitStatus = this.exit.status;
      s.exitedAt = this.exit.exitedAt;
    }
    return s;
  }

  async delete(): Promise<Exit> {
    if (this.deleted) throw notFound(`task ${this.id}: not found`);
    if (this.status === 'running') throw failedPrecondition(`task ${this.id}: cannot delete a running task; kill it first`);
    const shimGone = this.handle.retired && !this.group.handles.has(this.handle);
    if (shimGone) {
      // The shim is gone (crashed): nothing to ask it, publish the delete ourselves.
      this.manager.publishDelete(this);
    } else {
      await this.handle.shim.delete(this.id);
    }
    this.deleted = true;
    await this.manager.forget(this, shimGone);
    await this.onDelete?.();
    this.manager.released(this);
    return this.exit ?? { pid: this.pid, status: 0, exitedAt: new Date() };
  }
}

export interface TaskManagerConfig {
  stateDir: string;
  defaultIO: IOConfig;
}

export class TaskManager implements PlatformRuntime {
  private readonly table = new Map<string, RuntimeTask>();
  private readonly groups = new Map<string, ShimGroup>();
  // Ids this process reserved (see reservations.ts) and has not released.
  private readonly reserved = new Set<string>();
  readonly reservations: Reservations;
  private readonly tasksDir: string;
  // What else a task leaves behind (its snapshots, registered by the client), for recovery.
  private readonly cleanups: ((id: string) => Promise<void>)[] = [];

  constructor(
    private readonly shims: Map<string, ShimManager>,
    private readonly publisher: Publisher,
    readonly config: TaskManagerConfig,
  ) {
    this.reservations = new Reservations(path.join(config.stateDir, 'reservations'));
    this.tasksDir = path.join(config.stateDir, 'tasks');
  }

  // Ids match ID_RE (no "/", never "." or ".."): concatenation is a normalised path, and cheaper
  // than path.join, which several calls per task made hot enough to be worth optimising in V8.
  bundleOf(id: string): string {
    return `${this.tasksDir}/${id}`;
  }

  onCleanup(fn: (id: string) => Promise<void>): void {
    this.cleanups.push(fn);
  }

  // Removes what a task whose owner is gone left: its bundle and whatever the hooks remove.
  private readonly cleanup = async (id: string): Promise<void> => {
    for (const fn of this.cleanups) await fn(id);
    await rm(this.bundleOf(id), { recursive: true, force: true });
  };

  // Takes the id for this process, atomically across processes; a dead owner's task with that
  // id is recovered first. Synchronous unless the id was taken. Called by create when the
  // caller has not.
  reserve(id: string): void | Promise<void> {
    if (!ID_RE.test(id)) throw invalidArgument(`task id ${JSON.stringify(id)}: want [A-Za-z0-9][A-Za-z0-9_.-]{0,127}`);
    if (this.table.has(id) || this.reserved.has(id)) throw alreadyExists(`task ${JSON.stringify(id)}: already exists`);
    this.reserved.add(id);
    let pending: void | Promise<void>;
    try {
      pending = this.reservations.reserve(id, this.cleanup);
    } catch (err) {
      this.reserved.delete(id);
      throw err;
    }
    return pending?.catch((err: unknown) => {
      this.reserved.delete(id);
      throw err;
    });
  }

  hasRuntime(runtime: string): boolean {
    return this.shims.has(runtime);
  }

  release(id: string): void {
    if (!this.reserved.delete(id)) return;
    this.reservations.release(id);
  }

  // Restart recovery: tasks whose owning process died are cleaned up; returns their ids.
  recover(): Promise<string[]> {
    return this.reservations.recover(this.cleanup);
  }

  // A stopped task stays (bundle, snapshots, id) after this process ends, until removeStopped.
  retain(id: string): void {
    const t = this.table.get(id);
    if (!t) throw notFound(`task ${JSON.stringify(id)}: not found`);
    if (t.status !== 'stopped') throw failedPrecondition(`task ${JSON.stringify(id)}: cannot keep a ${t.status} task; it must have stopped`);
    this.reservations.retain(id);
    this.reserved.delete(id);
  }

  // `tasks rm`: removes a task kept by retain, or one whose owning process is gone.
  removeStopped(id: string): Promise<void> {
    if (this.table.has(id) && this.reserved.has(id)) throw failedPrecondition(`task ${JSON.stringify(id)}: this process still holds it; delete it instead`);
    return this.reservations.remove(id, this.cleanup);
  }

  id(): string {
    return `${PluginType.Runtime}.task`;
  }

  runtimes(): string[] {
    return [...this.shims.keys()];
  }

  private groupKey(runtime: string, sandboxId: string): string {
    return `${runtime}\u0000${sandboxId}`;
  }

  group(runtime: string, sandboxId: string, create: boolean): ShimGroup | undefined {
    const key = this.groupKey(runtime, sandboxId);
    let g = this.groups.get(key);
    if (!g && create) {
      const manager = this.shims.get(runtime);
      if (!manager) throw notFound(`runtime ${JSON.stringify(runtime)}: no shim plugin serves it (have ${this.runtimes().join(', ')})`);
      g = new ShimGroup(sandboxId || 'default', manager, (h) => this.watch(h, g!));
      this.groups.set(key, g);
    }
    return g;
  }

  removeGroup(runtime: string, sandboxId: string): void {
    this.groups.delete(this.groupKey(runtime, sandboxId));
  }

  private watch(h: ShimHandle, g: ShimGroup): void {
    h.shim.onEvent((e) => this.onShimEvent(e));
    h.shim.onCrash((reason) => {
      g.dropped(h);
      for (const id of h.live) {
        const t = this.table.get(id);
        if (!t || t.exit) continue;
        const exit: Exit = { pid: t.pid, status: EXIT_SHIM_CRASH, exitedAt: new Date(), error: reason };
        t.exited(exit);
        this.publisher.publish(NAMESPACE, Topic.TaskExit, {
          containerId: id,
          id,
          pid: t.pid,
          exitStatus: exit.status,
          exitedAt: exit.exitedAt.toISOString(),
          error: reason,
        });
      }
    });
  }

  private onShimEvent(e: ShimEvent): void {
    if (e.topic === Topic.TaskCreate && e.event.bundle === undefined) {
      // Shims leave out what the runtime knows: the bundle and where stdout and stderr go.
      const t = this.table.get(e.event.containerId as string);
      if (t) {
        const stdio = (s: 'stdout' | 'stderr') => (t.io[s] === 'file' ? `${t.bundle}/${s}` : t.io[s]);
        e.event = { containerId: t.id, bundle: t.bundle, ...e.event, stdout: stdio('stdout'), stderr: stdio('stderr') };
      }
    }
    this.publisher.publish(NAMESPACE, e.topic, e.event);
    if (e.topic !== Topic.TaskExit || !e.exit) return;
    const t = this.table.get(e.exit.id);
    if (!t) return;
    const exit: Exit = { pid: e.exit.pid, status: e.exit.exitStatus, exitedAt: new Date(e.exit.exitedAt) };
    if (e.exit.error) exit.error = e.exit.error;
    // Already decoded (process shim) or the worker's own copy (in-process): not copied again.
    if (e.exit.stdout) exit.stdout = bufferView(e.exit.stdout);
    if (e.exit.stderr) exit.stderr = bufferView(e.exit.stderr);
    if (e.exit.stdoutFile) exit.stdout = takeSpilled(e.exit.stdoutFile, exit);
    if (e.exit.stderrFile) exit.stderr = takeSpilled(e.exit.stderrFile, exit);
    if (e.exit.truncated) exit.truncated = e.exit.truncated;
    t.exited(exit);
  }

  publishDelete(t: RuntimeTask): void {
    const exit = t.exit!;
    this.publisher.publish(NAMESPACE, Topic.TaskDelete, {
      containerId: t.id,
      id: t.id,
      pid: t.pid,
      exitStatus: exit.status,
      exitedAt: exit.exitedAt.toISOString(),
    });
  }

  async create(id: string, opts: CreateOpts): Promise<Task> {
    if (this.table.has(id)) throw alreadyExists(`task ${JSON.stringify(id)}: already exists`);
    if (!this.reserved.has(id)) await this.reserve(id);
    const bundle = this.bundleOf(id);
    const io: IOConfig = { ...this.config.defaultIO, ...opts.io };
    const t = new RuntimeTask(id, opts.runtime, bundle, io, opts.labels ?? {}, this, opts.onDelete, opts.sandboxId);
    this.table.set(id, t);
    try {
      const sandboxId = opts.sandboxId ?? DEFAULT_GROUP;
      const group = this.group(opts.runtime, sandboxId, sandboxId === DEFAULT_GROUP);
      if (!group) throw failedPrecondition(`sandbox ${JSON.stringify(sandboxId)} is not started for runtime ${opts.runtime}`);
      t.group = group;
      t.handle = await group.acquire(id, opts.spec.rootfs !== undefined || (opts.spec.dirs?.length ?? 0) > 0);
      t.pid = (await t.handle.shim.create({ id, bundle, spec: opts.spec, io })).pid;
    } catch (err) {
      this.table.delete(id);
      if (t.handle) await t.group.release(t.handle, id);
      await rm(bundle, { recursive: true, force: true });
      await opts.onDelete?.();
      this.release(id);
      throw err;
    }
    return t;
  }

  async forget(t: RuntimeTask, shimGone: boolean): Promise<void> {
    this.table.delete(t.id);
    if (shimGone && (t.io.stdout === 'file' || t.io.stderr === 'file')) await removeBundle(t.bundle);
    await t.group.release(t.handle, t.id);
  }

  // After delete: the id is free again (the task's snapshots are gone by then).
  released(t: RuntimeTask): void {
    this.release(t.id);
  }

  get(id: string): Task {
    const t = this.table.get(id);
    if (!t) throw notFound(`task ${JSON.stringify(id)}: not found`);
    return t;
  }

  async tasksInGroup(runtime: string, sandboxId: string): Promise<Task[]> {
    return [...this.table.values()].filter((t) => t.runtime === runtime && (t.sandboxId ?? DEFAULT_GROUP) === sandboxId);
  }

  async tasks(...filters: string[]): Promise<Task[]> {
    const f = parseAll(filters);
    return [...this.table.values()].filter((t) =>
      f.match(adaptObject({ id: t.id, runtime: t.runtime, sandbox: t.sandboxId ?? '', status: t.status, pid: t.pid, labels: t.labels })),
    );
  }

  // Pids, open fds and counters of every live shim.
  async shimStats() {
    const all = [...this.groups.values()].flatMap((g) => [...g.handles]);
    return Promise.all(all.map((h) => h.shim.stats()));
  }

  async close(): Promise<void> {
    const groups = [...this.groups.values()];
    this.groups.clear();
    await Promise.all(groups.map((g) => g.shutdown()));
  }
}

export const taskManagerPlugin: Registration<TaskManager> = {
  type: PluginType.Runtime,
  id: 'task',
  requires: [PluginType.Event, PluginType.Shim],
  init: (ic) => {
    const shims = new Map<string, ShimManager>();
    for (const m of ic.getAll<ShimManager>(PluginType.Shim).values()) shims.set(m.runtime, m);
    const io = (ic.config.io ?? { stdout: 'file', stderr: 'file' }) as IOConfig;
    return new TaskManager(shims, ic.get<Publisher>(PluginType.Event), { stateDir: ic.state, defaultIO: io });
  },
};
