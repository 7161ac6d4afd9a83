// Turns an image into a task's process spec, the way containerd's client does with
// WithImage/WithProcessArgs: Wasm artifacts run their module layer directly; ordinary
// images run the .wasm entrypoint from their unpacked rootfs, preopened at "/".
import { readFile } from 'node:fs/promises';
import { fromBytes, type Digest } from '../digest/digest.js';
import { failedPrecondition, invalidArgument, isNotFound } from '../errdefs/errdefs.js';
import { classify, resolveManifest } from '../core/images/handlers.js';
import type { Image } from '../core/images/images.js';
import { LabelGCRefSnapshot } from '../core/snapshots/snapshots.js';
import { MediaType, parseImageConfig } from '../specs/oci.js';
import type { LocalStore } from '../plugins/content/local.js';
import type { NativeSnapshotter } from '../plugins/snapshots/native.js';
import { resolveInRoot } from '../pkg/rootpath.js';

export interface RunnableImage {
  name: string;
  kind: 'wasm-artifact' | 'rootfs';
  module: { path: string; digest: Digest };
  args: string[];
  env: string[];
  // Committed snapshot to copy as the task's rootfs.
  snapshot?: string;
}

export async function resolveRunnable(img: Image, content: LocalStore, snapshotter: NativeSnapshotter): Promise<RunnableImage> {
  const { desc, manifest } = await resolveManifest((d) => content.readBlob(d.digest), img.target, img.name);
  const where = `image ${img.name} manifest blob ${desc.digest}`;
  const kind = classify(manifest, where);
  if (kind === 'wasm-artifact') {
    const layer = manifest.layers.find((l) => l.mediaType === MediaType.WasmLayer);
    if (!layer) {
      throw invalidArgument(`${where}: only component layers (${MediaType.WasmComponentLayer}); node:wasi runs core modules (WASI preview1) only`);
    }
    const argv0 = layer.annotations?.['org.opencontainers.image.title'] ?? 'module.wasm';
    return { name: img.name, kind, module: { path: await content.blobPath(layer.digest), digest: layer.digest }, args: [argv0], env: [] };
  }
  const config = parseImageConfig(await content.readBlob(manifest.config.digest), `${where} config blob ${manifest.config.digest}`);
  const argv = [...(config.config?.Entrypoint ?? []), ...(config.config?.Cmd ?? [])];
  if (argv.length === 0) throw invalidArgument(`${where}: config blob ${manifest.config.digest} has no Entrypoint or Cmd`);
  const info = await content.info(manifest.config.digest);
  const snapshot = info.labels[LabelGCRefSnapshot];
  if (!snapshot) throw failedPrecondition(`${where}: image is not unpacked (config blob ${manifest.config.digest} has no snapshot label)`);
  const root = await snapshotter.path(snapshot).catch((err) => {
    if (isNotFound(err)) throw failedPrecondition(`${where}: snapshot ${snapshot} is missing; import the image again`);
    throw err;
  });
  const modulePath = await resolveInRoot(root, argv[0]!, where);
  const digest = fromBytes(await readFile(modulePath));
  return { name: img.name, kind, module: { path: modulePath, digest }, args: argv, env: config.config?.Env ?? [], snapshot };
}
