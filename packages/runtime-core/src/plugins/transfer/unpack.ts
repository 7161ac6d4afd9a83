// containerd's unpacker: apply each tar layer onto a snapshot whose parent is the
// previous layer's chain id, verify the diff id against the image config, commit it under
// its chain id, and label the config blob so GC keeps the snapshot while the image lives.
import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fromBytes, type Digest } from '../../digest/digest.js';
import { failedPrecondition, isNotFound } from '../../errdefs/errdefs.js';
import type { Store as ContentStore } from '../../core/content/content.js';
import type { Snapshotter } from '../../core/snapshots/snapshots.js';
import { LabelGCRefSnapshot } from '../../core/snapshots/snapshots.js';
import { TAR_LAYER_MEDIA_TYPES, parseImageConfig, type Manifest } from '../../specs/oci.js';
import type { Applier } from '../diff/apply.js';

export function chainId(parent: string | undefined, diffId: string): Digest {
  return parent === undefined ? (diffId as Digest) : fromBytes(`${parent} ${diffId}`);
}

export interface UnpackDeps {
  content: ContentStore;
  snapshotter: Snapshotter;
  applier: Applier;
}

// Returns the chain id of the top layer, i.e. the committed snapshot to run from.
export async function unpack(deps: UnpackDeps, manifest: Manifest, onLayer?: (i: number, n: number) => void): Promise<string | undefined> {
  const { content, snapshotter, applier } = deps;
  const config = parseImageConfig(await content.readBlob(manifest.config.digest), `config blob ${manifest.config.digest}`);
  const layers = manifest.layers.filter((l) => TAR_LAYER_MEDIA_TYPES.includes(l.mediaType));
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length > 0 && diffIds.length !== layers.length) {
    throw failedPrecondition(`config blob ${manifest.config.digest}: rootfs.diff_ids has ${diffIds.length} entries for ${layers.length} tar layers`);
  }
  let parent: string | undefined;
  for (const [i, layer] of layers.entries()) {
    onLayer?.(i, layers.length);
    const known = diffIds[i];
    if (known) {
      const id = chainId(parent, known);
      const exists = await snapshotter.stat(id).then(() => true, (err) => (isNotFound(err) ? false : Promise.reject(err)));
      if (exists) {
        parent = id;
        continue;
      }
    }
    const key = `extract-${randomBytes(6).toString('hex')} ${layer.digest}`;
    const dir = await snapshotter.prepare(key, parent);
    try {
      const { diffId } = await applier.apply(dir, createReadStream(await content.blobPath(layer.digest)), layer.mediaType, `blob ${layer.digest}`);
      if (known && known !== diffId) {
        throw failedPrecondition(`layer blob ${layer.digest}: uncompressed digest ${diffId} does not match config rootfs.diff_ids[${i}] ${known}`);
      }
      const id = chainId(parent, diffId);
      const exists = await snapshotter.stat(id).then(() => true, (err) => (isNotFound(err) ? false : Promise.reject(err)));
      if (exists) await snapshotter.remove(key);
      else await snapshotter.commit(id, key);
      parent = id;
    } catch (err) {
      await snapshotter.remove(key).catch(() => undefined);
      throw err;
    }
  }
  if (parent !== undefined) {
    const info = await content.info(manifest.config.digest);
    await content.update({ digest: info.digest, labels: { ...info.labels, [LabelGCRefSnapshot]: parent } });
  }
  return parent;
}
