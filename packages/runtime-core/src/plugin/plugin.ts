// containerd's plugin model: each implementation registers under a typed, versioned id
// (`<type>.<id>`, e.g. io.containerd.content.v1.content), declares the plugin types it
// requires, and is initialised in dependency order. Failed plugins stay listed with their
// init error so `plugins ls` can explain why something is unavailable.
import { failedPrecondition, invalidArgument, messageOf, notFound } from '../errdefs/errdefs.js';

export const PluginType = {
  Content: 'io.containerd.content.v1',
  Metadata: 'io.containerd.metadata.v1',
  Lease: 'io.containerd.lease.v1',
  Event: 'io.containerd.event.v1',
  GC: 'io.containerd.gc.v1',
  Differ: 'io.containerd.differ.v1',
  Snapshot: 'io.containerd.snapshotter.v1',
  Transfer: 'io.containerd.transfer.v1',
  ImageVerifier: 'io.containerd.image-verifier.v1',
  Shim: 'io.containerd.shim.v1',
  Runtime: 'io.containerd.runtime.v2',
  SandboxStore: 'io.containerd.sandbox.store.v1',
  SandboxController: 'io.containerd.sandbox.controller.v1',
} as const;
export type PluginType = (typeof PluginType)[keyof typeof PluginType];

export interface InitContext {
  readonly root: string; // persistent data for this plugin
  readonly state: string; // ephemeral state for this plugin (tmpfs when available)
  readonly config: Record<string, unknown>;
  get<T>(type: PluginType, id?: string): T;
  getAll<T>(type: PluginType): Map<string, T>;
}

// A count from a plugin's config (a number, or a numeric string from a config file), else the
// default; anything else fails the plugin's init with an error naming the setting.
export function configCount(ic: Pick<InitContext, 'config'>, key: string, fallback: number): number {
  const raw = ic.config[key] ?? fallback;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw invalidArgument(`config ${key}: want a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

export interface Registration<T = unknown> {
  type: PluginType;
  id: string;
  requires?: PluginType[];
  init(ic: InitContext): T | Promise<T>;
}

export interface PluginInfo {
  type: PluginType;
  id: string;
  requires: PluginType[];
  status: 'ok' | 'error';
  initError?: string;
}

interface Loaded {
  reg: Registration;
  instance?: unknown;
  error?: string;
}

export interface PluginSetOptions {
  root: string;
  state: string;
  // keyed by the full plugin id, e.g. config['io.containerd.image-verifier.v1.bindir']
  config?: Record<string, Record<string, unknown>>;
}

export class PluginSet {
  private readonly loaded = new Map<string, Loaded>();
  private order: string[] = [];

  private constructor() {}

  static async init(regs: Registration[], opts: PluginSetOptions): Promise<PluginSet> {
    const set = new PluginSet();
    for (const reg of sortByRequires(regs)) {
      const key = `${reg.type}.${reg.id}`;
      const entry: Loaded = { reg };
      set.loaded.set(key, entry);
      set.order.push(key);
      const missing = (reg.requires ?? []).filter((t) => set.okOfType(t).size === 0);
      if (missing.length > 0) {
        entry.error = `required plugin type ${missing.join(', ')} has no initialised plugin`;
        continue;
      }
      const ic: InitContext = {
        root: `${opts.root}/${key}`,
        state: `${opts.state}/${key}`,
        config: opts.config?.[key] ?? {},
        get: <T>(type: PluginType, id?: string) => set.get<T>(type, id),
        getAll: <T>(type: PluginType) => set.okOfType(type) as Map<string, T>,
      };
      try {
        entry.instance = await reg.init(ic);
      } catch (err) {
        entry.error = messageOf(err);
      }
    }
    return set;
  }

  private okOfType(type: PluginType): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const key of this.order) {
      const l = this.loaded.get(key)!;
      if (l.reg.type === type && l.error === undefined) out.set(l.reg.id, l.instance);
    }
    return out;
  }

  get<T>(type: PluginType, id?: string): T {
    for (const key of this.order) {
      const l = this.loaded.get(key)!;
      if (l.reg.type !== type || (id !== undefined && l.reg.id !== id)) continue;
      if (l.error !== undefined) throw failedPrecondition(`plugin ${key} failed to initialise: ${l.error}`);
      return l.instance as T;
    }
    throw notFound(`plugin ${type}${id ? `.${id}` : ''} is not registered`);
  }

  getAll<T>(type: PluginType): Map<string, T> {
    return this.okOfType(type) as Map<string, T>;
  }

  list(): PluginInfo[] {
    return this.order.map((key) => {
      const l = this.loaded.get(key)!;
      return {
        type: l.reg.type,
        id: l.reg.id,
        requires: l.reg.requires ?? [],
        status: l.error === undefined ? 'ok' : 'error',
        ...(l.error === undefined ? {} : { initError: l.error }),
      };
    });
  }

  // Closes plugins in reverse init order, as containerd does on shutdown.
  async close(): Promise<void> {
    for (const key of [...this.order].reverse()) {
      const inst = this.loaded.get(key)!.instance as { close?: () => unknown } | undefined;
      if (inst && typeof inst.close === 'function') await inst.close();
    }
  }
}

// Registration order is kept except where a plugin must follow the types it requires.
function sortByRequires(regs: Registration[]): Registration[] {
  const seen = new Set<string>();
  for (const r of regs) {
    const key = `${r.type}.${r.id}`;
    if (seen.has(key)) throw invalidArgument(`plugin ${key} registered twice`);
    seen.add(key);
  }
  const out: Registration[] = [];
  const placed = new Set<Registration>();
  const visiting = new Set<Registration>();
  const visit = (r: Registration) => {
    if (placed.has(r)) return;
    if (visiting.has(r)) throw invalidArgument(`plugin ${r.type}.${r.id} has a dependency cycle`);
    visiting.add(r);
    for (const t of r.requires ?? []) for (const dep of regs.filter((d) => d.type === t)) visit(dep);
    visiting.delete(r);
    placed.add(r);
    out.push(r);
  };
  regs.forEach(visit);
  return out;
}
