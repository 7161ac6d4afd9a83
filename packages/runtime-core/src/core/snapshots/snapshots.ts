// containerd core/snapshots, reduced to what the native (copying) snapshotter offers:
// committed snapshots are immutable layers keyed by chain id; active ones are writable
// copies handed to a task as its rootfs.
export type Kind = 'active' | 'committed';

export interface Info {
  name: string;
  parent?: string;
  kind: Kind;
  createdAt: Date;
  labels: Record<string, string>;
}

export interface Snapshotter {
  stat(key: string): Promise<Info>;
  // Returns the directory to populate (or run in) for the new active snapshot.
  prepare(key: string, parent?: string, labels?: Record<string, string>): Promise<string>;
  commit(name: string, key: string, labels?: Record<string, string>): Promise<void>;
  // Directory of a snapshot (committed ones must not be written).
  path(key: string): Promise<string>;
  remove(key: string): Promise<void>;
  walk(fn: (info: Info) => void | Promise<void>): Promise<void>;
}

export const LabelGCRefSnapshot = 'containerd.io/gc.ref.snapshot.native';
