// The embedding API, shaped like containerd's Go client: open the plugins under a root
// (persistent) and a state directory (ephemeral, tmpfs when available, like /run/containerd),
// then import images and run tasks.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Exchange } from '../plugins/events/exchange.js';
import type { LocalStore } from '../plugins/content/local.js';
import type { Metadata } from '../plugins/metadata/plugin.js';
import type { NativeSnapshotter } from '../plugins/snapshots/native.js';
import type { LocalTransferrer } from '../plugins/transfer/local.js';
import type { Collector } from '../plugins/gc/scheduler.js';
import type { TaskManager } from '../plugins/runtime/task_manager.js';
import type { LocalController } from '../plugins/sandbox/controller.js';
import { builtinPlugins } from '../plugins/builtins.js';
import { PluginSet, PluginType, type PluginInfo, type Registration } from '../plugin/plugin.js';
import type { IOConfig, Task } from '../core/runtime/runtime.js';
import type { TransferOptions } from '../core/transfer/transfer.js';
import { resolveRunnable, type RunnableImage } from './image.js';
import { checkDirs, checkEnv, checkStdin, mergeEnv, moduleFileSpec, type DirOption } from './options.js';
import { cp } from 'node:fs/promises';
import { invalidArgument, isNotFound, messageOf, notFound, toRuntimeError } from '../errdefs/errdefs.js';
import { ownerAlive, ownerToken } from '../pkg/owner.js';

export const DEFAULT_RUNTIME = 'io.containerd.wasi.v1';

export interface ClientOptions {
  root: string;
  state?: string;
  config?: Record<string, Record<string, unknown>>;
  plugins?: Registration[];
}

export interface NewTaskOptions {
  // What to run: an image, or a plain module file on the host (no image needed).
  image?: string;
  module?: string;
  args?: string[]; // replaces everything after argv[0] (the module)
  env?: string[]; // over the image's Env: a key given again replaces the image's
  replaceEnv?: boolean; // the image's Env is dropped: env is the whole environment
  runtime?: string;
  sandboxId?: string;
  io?: Partial<IOConfig>;
  labels?: Record<string, string>;
  // Host directories preopened at guest paths; each task gets its own copy (node:wasi has no
  // read-only preopens), so a task never writes to the host's files.
  dirs?: DirOption[];
  // A host file the task reads as stdin (default /dev/null).
  stdin?: string;
}

// Labels on a task's snapshots: whose task they are, so recovery can find what a dead owner left.
export const LabelTask = 'io.shepherd.runtime-core/task';
export const LabelOwner = 'io.shepherd.runtime-core/owner';

// tmpfs when the machine has one: per-task stdout/stderr files are created and removed at
// thousands per second, which costs far more on a journaling filesystem.
export function stateBase(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

export function defaultStateDir(root: string): string {
  return path.join(stateBase(), `runtime-core-${Buffer.from(path.resolve(root)).toString('base64url').slice(-24)}`);
}

export class Client {
  private readonly runnable = new Map<string, Promise<RunnableImage>>();

  private constructor(readonly plugins: PluginSet) {}

  static async open(opts: ClientOptions): Promise<Client> {
    const root = path.resolve(opts.root);
    const state = path.resolve(opts.state ?? defaultStateDir(root));
    const plugins = await PluginSet.init(opts.plugins ?? builtinPlugins, { root, state, ...(opts.config ? { config: opts.config } : {}) });
    const client = new Client(plugins);
    if (plugins.getAll(PluginType.Runtime).size > 0 && plugins.getAll(PluginType.Snapshot).size > 0) {
      client.tasks.onCleanup((id) => client.removeTaskSnapshots(id));
      client.recovered = await client.recover();
    }
    return client;
  }

  // Ids of tasks whose owning process had died, cleaned up when this client opened.
  recovered: string[] = [];

  // containerd's restart recovery: tasks whose owner died are cleaned up (snapshots, bundle,
  // id), and so are task snapshots no live task owns (a reboot cleared the state directory).
  async recover(): Promise<string[]> {
    const ids = await this.tasks.recover();
    const orphans: string[] = [];
    await this.snapshotter.walk((s) => {
      const task = s.labels[LabelTask];
      if (s.kind !== 'active' || task === undefined) return;
      if (!ownerAlive(s.labels[LabelOwner] ?? '') && this.tasks.reservations.get(task) === undefined) orphans.push(s.name);
    });
    for (const key of orphans) await this.snapshotter.remove(key).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
    return ids;
  }

  private async removeTaskSnapshots(id: string): Promise<void> {
    const keys: string[] = [];
    await this.snapshotter.walk((s) => {
      if (s.kind === 'active' && s.labels[LabelTask] === id) keys.push(s.name);
    });
    for (const key of keys) await this.snapshotter.remove(key).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
  }

  // `tasks rm`: removes a stopped task kept for its output, or one whose owner is gone.
  removeTask(id: string): Promise<void> {
    return this.tasks.removeStopped(id);
  }

  get content(): LocalStore {
    return this.plugins.get(PluginType.Content);
  }
  get metadata(): Metadata {
    return this.plugins.get(PluginType.Metadata);
  }
  get images() {
    return this.metadata.images;
  }
  get leases() {
    return this.metadata.leases;
  }
  get events(): Exchange {
    return this.plugins.get(PluginType.Event);
  }
  get snapshotter(): NativeSnapshotter {
    return this.plugins.get(PluginType.Snapshot);
  }
  get transfer(): LocalTransferrer {
    return this.plugins.get(PluginType.Transfer);
  }
  get gc(): Collector {
    return this.plugins.get(PluginType.GC);
  }
  get tasks(): TaskManager {
    return this.plugins.get(PluginType.Runtime);
  }
  get sandboxes(): LocalController {
    return this.plugins.get(PluginType.SandboxController);
  }

  pluginInfo(): PluginInfo[] {
    return this.plugins.list();
  }

  importImage(layoutPath: string, opts: { name?: string; unpack?: boolean } & TransferOptions = {}): Promise<string[]> {
    const dst = { kind: 'image-store' as const, ...(opts.name ? { name: opts.name } : {}), ...(opts.unpack === false ? { unpack: false } : {}) };
    return this.transfer.transfer({ kind: 'oci-layout', path: layoutPath }, dst, opts.progress ? { progress: opts.progress } : {});
  }

  exportImages(names: string[], target: string, format: 'directory' | 'tar', opts: TransferOptions = {}): Promise<string[]> {
    return this.transfer.transfer({ kind: 'image-store', names }, { kind: 'oci-layout', path: target, format }, opts);
  }

  // Resolved once per image target: tasks of the same image share module and snapshot.
  async resolve(name: string): Promise<RunnableImage> {
    const img = await this.images.get(name);
    const key = `${name}@${img.target.digest}`;
    let p = this.runnable.get(key);
    if (!p) {
      p = resolveRunnable(img, this.content, this.snapshotter);
      this.runnable.set(key, p);
      p.catch(() => this.runnable.delete(key));
    }
    return p;
  }

  async newTask(id: string, opts: NewTaskOptions): Promise<Task> {
    // Everything that can be checked is checked before the id is taken or anything created.
    if ((opts.image === undefined) === (opts.module === undefined)) throw invalidArgument(`task ${JSON.stringify(id)}: give an image or a module file, not ${opts.image === undefined ? 'neither' : 'both'}`);
    if (opts.env) checkEnv(opts.env);
    const runtime = opts.runtime ?? DEFAULT_RUNTIME;
    if (!this.tasks.hasRuntime(runtime)) throw notFound(`runtime ${JSON.stringify(runtime)}: no shim plugin serves it (have ${this.tasks.runtimes().join(', ')})`);
    const r: Pick<RunnableImage, 'args' | 'env' | 'module' | 'snapshot'> =
      opts.image !== undefined ? await this.resolve(opts.image) : { args: [path.basename(opts.module!)], env: [], module: await moduleFileSpec(opts.module!) };
    const dirs = opts.dirs?.length ? await checkDirs(opts.dirs, r.snapshot !== undefined) : [];
    const stdin = opts.stdin === undefined ? undefined : await checkStdin(opts.stdin);
    const args = opts.args && opts.args.length > 0 ? [r.args[0]!, ...opts.args] : r.args;
    const env = opts.replaceEnv || opts.env?.length ? mergeEnv(r.env, opts.env ?? [], opts.replaceEnv ?? false) : r.env;
    const common = {
      runtime,
      ...(opts.sandboxId ? { sandboxId: opts.sandboxId } : {}),
      ...(opts.io ? { io: opts.io } : {}),
      ...(opts.labels ? { labels: opts.labels } : {}),
    };

    const reserving = this.tasks.reserve(id);
    if (reserving) await reserving;
    // Wasm artifacts with nothing to copy: no snapshot, the common case kept lean.
    if (!r.snapshot && dirs.length === 0) {
      const spec = stdin ? { args, env, module: r.module, stdin } : { args, env, module: r.module };
      return this.tasks.create(id, { spec, ...common });
    }
    const snapshots: string[] = [];
    const removeSnapshots = async () => {
      for (const key of snapshots.splice(0)) await this.snapshotter.remove(key).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
    };
    try {
      const labels = { [LabelTask]: id, [LabelOwner]: ownerToken() };
      let rootfs: string | undefined;
      if (r.snapshot) {
        rootfs = await this.snapshotter.prepare(`task-${id}`, r.snapshot, labels);
        snapshots.push(`task-${id}`);
      }
      const copies: { host: string; guest: string }[] = [];
      for (const [i, d] of dirs.entries()) {
        const key = `task-${id}-dir-${i}`;
        const target = await this.snapshotter.prepare(key, undefined, labels);
        snapshots.push(key);
        await cp(d.host, target, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true }).catch((err: unknown) => {
          throw toRuntimeError(Object.assign(err as Error, { message: `--dir ${d.host}: cannot copy it for the task: ${messageOf(err)}` }));
        });
        copies.push({ host: target, guest: d.guest });
      }
      const spec = { args, env, module: r.module, ...(rootfs ? { rootfs } : {}), ...(copies.length ? { dirs: copies } : {}), ...(stdin ? { stdin } : {}) };
      return await this.tasks.create(id, { spec, ...common, onDelete: removeSnapshots });
    } catch (err) {
      await removeSnapshots();
      this.tasks.release(id);
      throw err;
    }
  }

  close(): Promise<void> {
    return this.plugins.close();
  }
}
