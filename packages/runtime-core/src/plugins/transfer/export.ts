// Export images from the store as an OCI image layout, directory or tar.
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { encoded } from '../../digest/digest.js';
import type { Store as ContentStore } from '../../core/content/content.js';
import type { Store as ImageStore } from '../../core/images/images.js';
import { isIndex, isManifest } from '../../core/images/handlers.js';
import { AnnotationImageName, AnnotationRefName, parseIndex, parseManifest, type Descriptor, type Index } from '../../specs/oci.js';
import type { OCILayoutTarget, TransferOptions } from '../../core/transfer/transfer.js';

async function collect(content: ContentStore, desc: Descriptor, out: Map<string, Descriptor>): Promise<void> {
  if (out.has(desc.digest)) return;
  out.set(desc.digest, desc);
  if (isIndex(desc.mediaType)) {
    for (const m of parseIndex(await content.readBlob(desc.digest), `blob ${desc.digest}`).manifests) await collect(content, m, out);
  } else if (isManifest(desc.mediaType)) {
    const m = parseManifest(await content.readBlob(desc.digest), `blob ${desc.digest}`);
    for (const d of [m.config, ...m.layers]) await collect(content, d, out);
  }
}

export async function exportLayout(
  content: ContentStore & { blobPath(d: string): Promise<string> },
  images: ImageStore,
  names: string[],
  dst: OCILayoutTarget,
  opts: TransferOptions = {},
): Promise<string[]> {
  const blobs = new Map<string, Descriptor>();
  const index: Index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] };
  for (const name of names) {
    const img = await images.get(name);
    await collect(content, img.target, blobs);
    index.manifests.push({ ...img.target, annotations: { ...img.target.annotations, [AnnotationImageName]: name, [AnnotationRefName]: name } });
  }
  const layoutFile = JSON.stringify({ imageLayoutVersion: '1.0.0' });
  const indexFile = JSON.stringify(index, null, 2);
  if (dst.format === 'directory') {
    await mkdir(path.join(dst.path, 'blobs', 'sha256'), { recursive: true });
    await writeFile(path.join(dst.path, 'oci-layout'), layoutFile);
    await writeFile(path.join(dst.path, 'index.json'), indexFile);
    for (const d of blobs.values()) {
      await copyFile(await content.blobPath(d.digest), path.join(dst.path, 'blobs', 'sha256', encoded(d.digest)));
      opts.progress?.({ event: 'saved', name: d.digest, desc: d });
    }
  } else {
    const pack = tar.pack();
    const done = pipeline(pack, createWriteStream(dst.path));
    pack.entry({ name: 'oci-layout' }, layoutFile);
    pack.entry({ name: 'index.json' }, indexFile);
    for (const d of blobs.values()) {
      const entry = pack.entry({ name: `blobs/sha256/${encoded(d.digest)}`, size: d.size });
      await pipeline(createReadStream(await content.blobPath(d.digest)), entry);
      opts.progress?.({ event: 'saved', name: d.digest, desc: d });
    }
    pack.finalize();
    await done;
  }
  for (const name of names) opts.progress?.({ event: 'complete', name });
  return names;
}
