// containerd's metadata plugin (bolt) holds images, leases and sandboxes; here each is a
// JSON bucket under the plugin root, sharing the lock that garbage collection takes.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Publisher } from '../../core/events/events.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import { RWLock } from '../../pkg/rwlock.js';
import { ImageStore } from './images.js';
import { LeaseManager } from './leases.js';
import { SandboxStore } from './sandboxes.js';

export interface Metadata {
  images: ImageStore;
  leases: LeaseManager;
  sandboxes: SandboxStore;
  gcLock: RWLock;
}

export async function openMetadata(root: string, publisher?: Publisher): Promise<Metadata> {
  await mkdir(root, { recursive: true });
  const gcLock = new RWLock();
  return {
    images: new ImageStore(path.join(root, 'images.json'), gcLock, publisher),
    leases: new LeaseManager(path.join(root, 'leases.json'), gcLock),
    sandboxes: new SandboxStore(path.join(root, 'sandboxes.json')),
    gcLock,
  };
}

export const metadataPlugin: Registration<Metadata> = {
  type: PluginType.Metadata,
  id: 'json',
  requires: [PluginType.Event],
  init: (ic) => openMetadata(ic.root, ic.get<Publisher>(PluginType.Event)),
};
