// Builds OCI image layouts for the smoke suite, the benchmark and the tests: Wasm
// artifacts (wasm-oci: config application/vnd.wasm.config.v0+json, one application/wasm
// layer) and ordinary images whose tar layer holds the .wasm entrypoint.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { encoded, fromBytes, type Digest } from '../digest/digest.js';
import { AnnotationRefName, MediaType, type Descriptor } from '../specs/oci.js';

export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  data?: string | Uint8Array;
  linkname?: string;
  mode?: number;
}

export async function makeTar(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header: Partial<tar.Header> & { name: string } = { name: e.name, type, mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644), mtime: new Date(0) };
    if (e.linkname !== undefined) header.linkname = e.linkname;
    if (type === 'file') pack.entry(header, Buffer.from(e.data ?? ''));
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export interface Blob {
  desc: Descriptor;
  data: Uint8Array;
}

export function blob(mediaType: string, data: Uint8Array | string, annotations?: Record<string, string>): Blob {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const desc: Descriptor = { mediaType, digest: fromBytes(bytes), size: bytes.length };
  if (annotations) desc.annotations = annotations;
  return { desc, data: bytes };
}

export const json = (mediaType: string, v: unknown) => blob(mediaType, JSON.stringify(v));

export interface ImageBlobs {
  manifest: Blob;
  blobs: Blob[];
}

export function wasmArtifact(wasm: Uint8Array, title = 'module.wasm'): ImageBlobs {
  const layer = blob(MediaType.WasmLayer, wasm, { 'org.opencontainers.image.title': title });
  const config = json(MediaType.WasmConfig, { created: new Date(0).toISOString(), architecture: 'wasm', os: 'wasip1', layerDigests: [layer.desc.digest] });
  const manifest = json(MediaType.ImageManifest, {
    schemaVersion: 2,
    mediaType: MediaType.ImageManifest,
    artifactType: MediaType.WasmConfig,
    config: config.desc,
    layers: [layer.desc],
  });
  return { manifest, blobs: [config, layer] };
}

export interface RootfsImageOptions {
  layers: TarEntry[][];
  entrypoint: string[];
  cmd?: string[];
  env?: string[];
  gzip?: boolean;
}

export async function rootfsImage(opts: RootfsImageOptions): Promise<ImageBlobs> {
  const layers: Blob[] = [];
  const diffIds: Digest[] = [];
  for (const entries of opts.layers) {
    const raw = await makeTar(entries);
    diffIds.push(fromBytes(raw));
    layers.push(opts.gzip ? blob(MediaType.LayerGzip, gzipSync(raw)) : blob(MediaType.Layer, raw));
  }
  const config = json(MediaType.ImageConfig, {
    architecture: 'wasm',
    os: 'wasip1',
    config: { Entrypoint: opts.entrypoint, ...(opts.cmd ? { Cmd: opts.cmd } : {}), Env: opts.env ?? [] },
    rootfs: { type: 'layers', diff_ids: diffIds },
  });
  const manifest = json(MediaType.ImageManifest, {
    schemaVersion: 2,
    mediaType: MediaType.ImageManifest,
    config: config.desc,
    layers: layers.map((l) => l.desc),
  });
  return { manifest, blobs: [config, ...layers] };
}

export interface LayoutImage {
  name?: string;
  image: ImageBlobs;
  platform?: Descriptor['platform'];
}

// Writes an OCI image layout as a directory, or as a tar when target ends with .tar.
export async function writeLayout(target: string, images: LayoutImage[], extraBlobs: Blob[] = []): Promise<string> {
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.ImageIndex,
    manifests: images.map((i) => ({
      ...i.image.manifest.desc,
      ...(i.name ? { annotations: { [AnnotationRefName]: i.name } } : {}),
      ...(i.platform ? { platform: i.platform } : {}),
    })),
  };
  const all = new Map<string, Blob>();
  for (const i of images) for (const b of [i.image.manifest, ...i.image.blobs]) all.set(b.desc.digest, b);
  for (const b of extraBlobs) all.set(b.desc.digest, b);
  const files: TarEntry[] = [
    { name: 'oci-layout', data: JSON.stringify({ imageLayoutVersion: '1.0.0' }) },
    { name: 'index.json', data: JSON.stringify(index) },
    ...[...all.values()].map((b) => ({ name: `blobs/sha256/${encoded(b.desc.digest)}`, data: b.data })),
  ];
  if (target.endsWith('.tar')) {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await makeTar(files));
    return target;
  }
  for (const f of files) {
    await mkdir(path.dirname(path.join(target, f.name)), { recursive: true });
    await writeFile(path.join(target, f.name), f.data ?? '');
  }
  return target;
}
