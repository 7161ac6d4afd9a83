// containerd's metadata GC: roots are image targets and the resources of unexpired
// leases; references follow containerd.io/gc.ref.* labels on content and snapshot
// parents. Unreachable blobs and committed snapshots are swept under the GC write lock.
import { LabelGCRefContent } from '../../core/content/content.js';
import { mark, reachable, type Node } from '../../core/gc/gc.js';
import { LabelGCRefSnapshot } from '../../core/snapshots/snapshots.js';
import { isDigest, type Digest } from '../../digest/digest.js';
import { isNotFound } from '../../errdefs/errdefs.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import type { LocalStore } from '../content/local.js';
import type { Metadata } from '../metadata/plugin.js';
import type { NativeSnapshotter } from '../snapshots/native.js';

export interface GCResult {
  removedContent: Digest[];
  removedSnapshots: string[];
  durationMs: number;
}

export class Collector {
  constructor(
    private readonly content: LocalStore,
    private readonly metadata: Metadata,
    private readonly snapshotter: NativeSnapshotter,
  ) {}

  collect(): Promise<GCResult> {
    return this.metadata.gcLock.write(async () => {
      const start = performance.now();
      const roots: Node[] = [];
      for (const img of await this.metadata.images.list()) roots.push({ type: 'content', key: img.target.digest });
      for (const r of await this.metadata.leases.activeResources()) {
        if (r.type === 'content') roots.push({ type: 'content', key: r.id });
        else if (r.type === 'snapshots/native') roots.push({ type: 'snapshot', key: r.id });
      }
      // Active snapshots are task rootfs copies, owned by their task until it is deleted.
      await this.snapshotter.walk((s) => {
        if (s.kind === 'active') roots.push({ type: 'snapshot', key: s.name });
      });
      const marked = await mark(roots, async (n) => {
        if (n.type === 'snapshot') {
          const info = await this.snapshotter.stat(n.key).catch(() => undefined);
          return info?.parent ? [{ type: 'snapshot', key: info.parent }] : [];
        }
        if (!isDigest(n.key)) return [];
        const info = await this.content.info(n.key).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
        if (!info) return [];
        const refs: Node[] = [];
        for (const [k, v] of Object.entries(info.labels)) {
          if (k.startsWith(LabelGCRefContent)) refs.push({ type: 'content', key: v });
          else if (k === LabelGCRefSnapshot) refs.push({ type: 'snapshot', key: v });
        }
        return refs;
      });
      const removedContent: Digest[] = [];
      await this.content.walk(async (info) => {
        if (!reachable(marked, { type: 'content', key: info.digest })) {
          await this.content.delete(info.digest);
          removedContent.push(info.digest);
        }
      });
      // Children before parents: a snapshot with children cannot be removed.
      const committed: { name: string; parent?: string }[] = [];
      await this.snapshotter.walk((s) => {
        if (s.kind === 'committed' && !reachable(marked, { type: 'snapshot', key: s.name })) committed.push(s);
      });
      const removedSnapshots: string[] = [];
      while (committed.length > 0) {
        const leafIdx = committed.findIndex((s) => !committed.some((o) => o.parent === s.name));
        const [leaf] = committed.splice(leafIdx === -1 ? 0 : leafIdx, 1);
        await this.snapshotter.remove(leaf!.name);
        removedSnapshots.push(leaf!.name);
      }
      return { removedContent, removedSnapshots, durationMs: performance.now() - start };
    });
  }
}

export const gcPlugin: Registration<Collector> = {
  type: PluginType.GC,
  id: 'scheduler',
  requires: [PluginType.Content, PluginType.Metadata, PluginType.Snapshot],
  init: (ic) => new Collector(ic.get(PluginType.Content), ic.get(PluginType.Metadata), ic.get(PluginType.Snapshot)),
};
