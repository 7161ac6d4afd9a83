// containerd's local transfer service: OCI layout -> image store (import) and back
// (export). An import runs under a lease so garbage collection cannot remove its blobs
// before the image records that reference them exist.
import { walkImage } from '../../core/images/handlers.js';
import type { ImageVerifier } from '../../core/verifier/verifier.js';
import type {
  ImageStoreSource,
  ImageStoreTarget,
  OCILayoutSource,
  OCILayoutTarget,
  TransferOptions,
  Transferrer,
} from '../../core/transfer/transfer.js';
import { failedPrecondition, invalidArgument, isAlreadyExists } from '../../errdefs/errdefs.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import { readFile } from 'node:fs/promises';
import { AnnotationImageName, AnnotationRefName, MediaType, parseImageConfig, parseIndex, type Descriptor, type Manifest } from '../../specs/oci.js';
import { checkCommandBytes, isWasm } from '../../specs/wasi.js';
import { resolveInRoot } from '../../pkg/rootpath.js';
import type { Applier } from '../diff/apply.js';
import type { Metadata } from '../metadata/plugin.js';
import type { LocalStore } from '../content/local.js';
import type { NativeSnapshotter } from '../snapshots/native.js';
import { exportLayout } from './export.js';
import { openLayout } from './layout.js';
import { unpack } from './unpack.js';

export interface LocalTransferDeps {
  content: LocalStore;
  metadata: Metadata;
  snapshotter: NativeSnapshotter;
  applier: Applier;
  verifiers: Map<string, ImageVerifier>;
}

export class LocalTransferrer implements Transferrer {
  constructor(private readonly deps: LocalTransferDeps) {}

  transfer(src: OCILayoutSource, dst: ImageStoreTarget, opts?: TransferOptions): Promise<string[]>;
  transfer(src: ImageStoreSource, dst: OCILayoutTarget, opts?: TransferOptions): Promise<string[]>;
  transfer(src: OCILayoutSource | ImageStoreSource, dst: ImageStoreTarget | OCILayoutTarget, opts: TransferOptions = {}): Promise<string[]> {
    if (src.kind === 'oci-layout' && dst.kind === 'image-store') return this.importLayout(src, dst, opts);
    if (src.kind === 'image-store' && dst.kind === 'oci-layout') {
      return exportLayout(this.deps.content, this.deps.metadata.images, src.names, dst, opts);
    }
    return Promise.reject(invalidArgument(`transfer from ${src.kind} to ${dst.kind} is not supported`));
  }

  private async importLayout(src: OCILayoutSource, dst: ImageStoreTarget, opts: TransferOptions): Promise<string[]> {
    const { content, metadata } = this.deps;
    const lease = await metadata.leases.create({ labels: { 'io.shepherd.runtime-core/import': src.path }, expiresInMs: 24 * 3600_000 });
    try {
      const protect = (digest: string) => metadata.leases.addResource(lease.id, { id: digest, type: 'content' });
      opts.progress?.({ event: 'resolving', name: src.path });
      const layout = await openLayout(src.path, content, protect);
      const index = parseIndex(layout.indexJSON, `${layout.source}/index.json`);
      if (index.manifests.length === 0) throw invalidArgument(`${layout.source}/index.json: no manifests`);
      const images: { name: string; target: Descriptor }[] = [];
      for (const [i, desc] of index.manifests.entries()) {
        const where = `${layout.source}/index.json manifests[${i}]`;
        const annotated = desc.annotations?.[AnnotationImageName] ?? desc.annotations?.[AnnotationRefName];
        const name = dst.name && index.manifests.length === 1 ? dst.name : (annotated ?? dst.name);
        if (!name) throw invalidArgument(`${where} (blob ${desc.digest}): no image name annotation; give the image a name`);
        const walked = await walkImage(
          {
            fetch: async (d, referrer) => {
              await layout.fetch(d, referrer);
              opts.progress?.({ event: 'saved', name: d.digest, desc: d });
            },
            read: (d) => content.readBlob(d.digest),
            label: async (d, labels) => {
              const info = await content.info(d.digest);
              await content.update({ digest: d.digest, labels: { ...info.labels, ...labels } });
            },
          },
          desc,
          where,
        );
        const target: Descriptor = { mediaType: desc.mediaType, digest: desc.digest, size: desc.size };
        await this.verify(name, target);
        opts.progress?.({ event: 'verified', name });
        for (const m of walked.manifests) {
          const where = `image ${name} manifest blob ${m.desc.digest}`;
          if (m.kind === 'wasm-artifact') {
            await this.checkArtifactModule(m.manifest, where);
          } else if (dst.unpack !== false) {
            const top = await unpack(this.deps, m.manifest, (layer, total) => opts.progress?.({ event: 'unpacking', name, progress: layer, total }));
            await this.checkEntrypointModule(m.manifest, top, where);
          }
        }
        images.push({ name, target });
      }
      for (const img of images) {
        try {
          await metadata.images.create({ ...img, labels: dst.labels ?? {} });
        } catch (err) {
          if (!isAlreadyExists(err)) throw err;
          await metadata.images.update({ ...img, labels: dst.labels ?? {} });
        }
        opts.progress?.({ event: 'complete', name: img.name, desc: img.target });
      }
      return images.map((i) => i.name);
    } finally {
      await metadata.leases.delete(lease.id);
    }
  }

  // A module node:wasi cannot run (preview 0 imports, no _start, ...) is refused at import
  // rather than at its first task.
  private async checkArtifactModule(manifest: Manifest, where: string): Promise<void> {
    const layer = manifest.layers.find((l) => l.mediaType === MediaType.WasmLayer);
    if (layer) await checkCommandBytes(await this.deps.content.readBlob(layer.digest), `${where}: module layer blob ${layer.digest}`);
  }

  private async checkEntrypointModule(manifest: Manifest, top: string | undefined, where: string): Promise<void> {
    const config = parseImageConfig(await this.deps.content.readBlob(manifest.config.digest), `${where} config blob ${manifest.config.digest}`);
    const entry = [...(config.config?.Entrypoint ?? []), ...(config.config?.Cmd ?? [])][0];
    if (top === undefined || entry === undefined) return;
    // An entrypoint that is missing or not Wasm is reported when a task is created from it.
    const file = await resolveInRoot(await this.deps.snapshotter.path(top), entry, where).catch(() => undefined);
    const bytes = file === undefined ? undefined : await readFile(file).catch(() => undefined);
    if (bytes && isWasm(bytes)) await checkCommandBytes(bytes, `${where}: entrypoint ${entry}`);
  }

  private async verify(name: string, target: Descriptor): Promise<void> {
    for (const [id, v] of this.deps.verifiers) {
      const j = await v.verifyImage(name, target);
      if (!j.ok) throw failedPrecondition(`image ${name} (blob ${target.digest}) rejected by image verifier ${id}: ${j.reason}`);
    }
  }
}

export const localTransferPlugin: Registration<LocalTransferrer> = {
  type: PluginType.Transfer,
  id: 'local',
  requires: [PluginType.Content, PluginType.Metadata, PluginType.Snapshot, PluginType.Differ],
  init: (ic) =>
    new LocalTransferrer({
      content: ic.get<LocalStore>(PluginType.Content),
      metadata: ic.get<Metadata>(PluginType.Metadata),
      snapshotter: ic.get<NativeSnapshotter>(PluginType.Snapshot),
      applier: ic.get<Applier>(PluginType.Differ),
      verifiers: ic.getAll<ImageVerifier>(PluginType.ImageVerifier),
    }),
};
