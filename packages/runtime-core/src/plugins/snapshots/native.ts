// containerd's native snapshotter: every snapshot is a plain directory; preparing from a
// parent copies it. Committed snapshots are image layers (keyed by chain id); active ones
// are task rootfs copies, so a task's writes never reach the image or another task.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Info, Snapshotter } from '../../core/snapshots/snapshots.js';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from '../../errdefs/errdefs.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import { Bucket } from '../metadata/bucket.js';

interface Entry extends Info {
  dir: string;
}

export class NativeSnapshotter implements Snapshotter {
  private readonly bucket: Bucket<Entry>;

  constructor(private readonly root: string) {
    this.bucket = new Bucket(path.join(root, 'metadata.json'), (e) => ({ ...e, createdAt: new Date(e.createdAt) }));
  }

  private async entry(key: string): Promise<Entry> {
    const e = (await this.bucket.load()).get(key);
    if (!e) throw notFound(`snapshot ${JSON.stringify(key)}: not found`);
    return e;
  }

  async stat(key: string): Promise<Info> {
    const { dir: _dir, ...info } = await this.entry(key);
    return info;
  }

  async path(key: string): Promise<string> {
    return path.join(this.root, 'snapshots', (await this.entry(key)).dir);
  }

  async prepare(key: string, parent?: string, labels: Record<string, string> = {}): Promise<string> {
    if (!key) throw invalidArgument('snapshot key must not be empty');
    let parentDir: string | undefined;
    if (parent !== undefined) {
      const p = await this.entry(parent);
      if (p.kind !== 'committed') throw failedPrecondition(`snapshot parent ${JSON.stringify(parent)} is not committed`);
      parentDir = path.join(this.root, 'snapshots', p.dir);
    }
    const dir = randomBytes(8).toString('hex');
    const target = path.join(this.root, 'snapshots', dir);
    await this.bucket.mutate((m) => {
      if (m.has(key)) throw alreadyExists(`snapshot ${JSON.stringify(key)}: already exists`);
      const e: Entry = { name: key, kind: 'active', createdAt: new Date(), labels, dir };
      if (parent !== undefined) e.parent = parent;
      m.set(key, e);
    });
    await mkdir(path.dirname(target), { recursive: true });
    if (parentDir) await cp(parentDir, target, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    else await mkdir(target);
    return target;
  }

  async commit(name: string, key: string, labels?: Record<string, string>): Promise<void> {
    await this.bucket.mutate((m) => {
      const e = m.get(key);
      if (!e) throw notFound(`snapshot ${JSON.stringify(key)}: not found`);
      if (e.kind !== 'active') throw failedPrecondition(`snapshot ${JSON.stringify(key)} is already committed`);
      if (m.has(name)) throw alreadyExists(`snapshot ${JSON.stringify(name)}: already exists`);
      m.delete(key);
      m.set(name, { ...e, name, kind: 'committed', labels: labels ?? e.labels });
    });
  }

  async remove(key: string): Promise<void> {
    const dir = await this.bucket.mutate((m) => {
      const e = m.get(key);
      if (!e) throw notFound(`snapshot ${JSON.stringify(key)}: not found`);
      const child = [...m.values()].find((c) => c.parent === key);
      if (child) throw failedPrecondition(`snapshot ${JSON.stringify(key)} has child ${JSON.stringify(child.name)}`);
      m.delete(key);
      return e.dir;
    });
    await rm(path.join(this.root, 'snapshots', dir), { recursive: true, force: true });
  }

  async walk(fn: (info: Info) => void | Promise<void>): Promise<void> {
    for (const { dir: _dir, ...info } of (await this.bucket.load()).values()) await fn(info);
  }
}

export const nativeSnapshotPlugin: Registration<NativeSnapshotter> = {
  type: PluginType.Snapshot,
  id: 'native',
  init: async (ic) => {
    await mkdir(ic.root, { recursive: true });
    return new NativeSnapshotter(ic.root);
  },
};
