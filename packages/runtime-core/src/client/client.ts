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

export const DEFAULT_RUNTIME = 'io.containerd.wasi.v1';

export interface ClientOptions {
  root: string;
  state?: string;
  config?: Record<string, Record<string, unknown>>;
  plugins?: Registration[];
}

export interface NewTaskOptions {
  image: string;
  args?: string[]; // replaces everything after argv[0] (the module)
  env?: string[]; // appended to the image's Env
  runtime?: string;
  sandboxId?: string;
  io?: Partial<IOConfig>;
  labels?: Record<string, string>;
}

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
    return new Client(plugins);
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
    const r = await this.resolve(opts.image);
    let args = r.args;
    if (opts.args && opts.args.length > 0) args = [r.args[0]!, ...opts.args];
    const env = [...r.env, ...(opts.env ?? [])];
    let rootfs: string | undefined;
    let onDelete: (() => Promise<void>) | undefined;
    if (r.snapshot) {
      const key = `task-${id}`;
      rootfs = await this.snapshotter.prepare(key, r.snapshot, { 'io.shepherd.runtime-core/task': id });
      onDelete = () => this.snapshotter.remove(key);
    }
    return this.tasks.create(id, {
      spec: { args, env, module: r.module, ...(rootfs ? { rootfs } : {}) },
      runtime: opts.runtime ?? DEFAULT_RUNTIME,
      ...(opts.sandboxId ? { sandboxId: opts.sandboxId } : {}),
      ...(opts.io ? { io: opts.io } : {}),
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(onDelete ? { onDelete } : {}),
    });
  }

  close(): Promise<void> {
    return this.plugins.close();
  }
}
