// containerd core/images handlers: walk an image graph (index -> manifests -> config +
// layers), validating each node's media type and content on the way.
import { invalidArgument, notFound } from '../../errdefs/errdefs.js';
import {
  IMAGE_CONFIG_MEDIA_TYPES,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MediaType,
  TAR_LAYER_MEDIA_TYPES,
  WASM_LAYER_MEDIA_TYPES,
  parseImageConfig,
  parseIndex,
  parseManifest,
  type Descriptor,
  type ImageConfig,
  type Manifest,
} from '../../specs/oci.js';
import { LabelGCRefContent } from '../content/content.js';

export type ImageKind = 'wasm-artifact' | 'rootfs';

export function isIndex(mt: string): boolean {
  return INDEX_MEDIA_TYPES.includes(mt);
}
export function isManifest(mt: string): boolean {
  return MANIFEST_MEDIA_TYPES.includes(mt);
}

// Which runnable shape a manifest has; throws on media types we do not know.
export function classify(m: Manifest, where: string): ImageKind {
  const cfg = m.config.mediaType;
  if (cfg === MediaType.WasmConfig) {
    if (m.layers.length === 0) throw invalidArgument(`${where}: Wasm artifact has no layers`);
    m.layers.forEach((l, i) => {
      if (!WASM_LAYER_MEDIA_TYPES.includes(l.mediaType)) {
        throw invalidArgument(`${where}.layers[${i}] (blob ${l.digest}): unknown media type ${JSON.stringify(l.mediaType)} for a Wasm artifact`);
      }
    });
    return 'wasm-artifact';
  }
  if (!IMAGE_CONFIG_MEDIA_TYPES.includes(cfg)) {
    throw invalidArgument(`${where}.config (blob ${m.config.digest}): unknown media type ${JSON.stringify(cfg)}`);
  }
  m.layers.forEach((l, i) => {
    // runwasi images mix a rootfs with Wasm layers; both are accepted.
    if (!TAR_LAYER_MEDIA_TYPES.includes(l.mediaType) && !WASM_LAYER_MEDIA_TYPES.includes(l.mediaType)) {
      throw invalidArgument(`${where}.layers[${i}] (blob ${l.digest}): unknown media type ${JSON.stringify(l.mediaType)}`);
    }
  });
  return 'rootfs';
}

// GC labels on a parent blob naming its children, as containerd's images.ChildGCLabels.
export function childGCLabels(desc: Descriptor, bytes: Uint8Array): Record<string, string> {
  const labels: Record<string, string> = {};
  if (isIndex(desc.mediaType)) {
    parseIndex(bytes, `blob ${desc.digest}`).manifests.forEach((m, i) => (labels[`${LabelGCRefContent}.m.${i}`] = m.digest));
  } else if (isManifest(desc.mediaType)) {
    const m = parseManifest(bytes, `blob ${desc.digest}`);
    labels[`${LabelGCRefContent}.config`] = m.config.digest;
    m.layers.forEach((l, i) => (labels[`${LabelGCRefContent}.l.${i}`] = l.digest));
  }
  return labels;
}

export interface Fetcher {
  fetch(desc: Descriptor, referrer: string): Promise<void>;
  read(desc: Descriptor): Promise<Buffer>;
  label(desc: Descriptor, labels: Record<string, string>): Promise<void>;
}

export interface WalkResult {
  manifests: { desc: Descriptor; manifest: Manifest; kind: ImageKind }[];
}

// Fetches and validates every blob reachable from target; returns the manifests found.
export async function walkImage(f: Fetcher, target: Descriptor, referrer: string, out: WalkResult = { manifests: [] }): Promise<WalkResult> {
  const where = `blob ${target.digest}`;
  await f.fetch(target, referrer);
  if (isIndex(target.mediaType)) {
    const bytes = await f.read(target);
    const index = parseIndex(bytes, where, target.mediaType);
    await f.label(target, childGCLabels(target, bytes));
    for (const m of index.manifests) await walkImage(f, m, where, out);
  } else if (isManifest(target.mediaType)) {
    const bytes = await f.read(target);
    const manifest = parseManifest(bytes, where, target.mediaType);
    const kind = classify(manifest, where);
    await f.fetch(manifest.config, where);
    const cfg = await f.read(manifest.config);
    if (kind === 'rootfs') parseImageConfig(cfg, `${where} config (blob ${manifest.config.digest})`);
    else parseWasmConfig(cfg, `${where} config (blob ${manifest.config.digest})`);
    for (const l of manifest.layers) await f.fetch(l, where);
    await f.label(target, childGCLabels(target, bytes));
    out.manifests.push({ desc: target, manifest, kind });
  } else {
    throw invalidArgument(`${where} (referenced by ${referrer}): unknown media type ${JSON.stringify(target.mediaType)}`);
  }
  return out;
}

export function parseWasmConfig(bytes: Uint8Array, where: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw invalidArgument(`${where}: not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidArgument(`${where}: must be a JSON object`);
  return v as Record<string, unknown>;
}

const WASM_PLATFORMS = new Set(['wasip1', 'wasi']);

// Picks the runnable manifest of an image: Wasm platforms first, then the first manifest.
export async function resolveManifest(
  read: (d: Descriptor) => Promise<Buffer>,
  target: Descriptor,
  name: string,
): Promise<{ desc: Descriptor; manifest: Manifest }> {
  if (isManifest(target.mediaType)) return { desc: target, manifest: parseManifest(await read(target), `blob ${target.digest}`, target.mediaType) };
  if (!isIndex(target.mediaType)) throw invalidArgument(`image ${name}: target blob ${target.digest} has unknown media type ${target.mediaType}`);
  const index = parseIndex(await read(target), `blob ${target.digest}`, target.mediaType);
  const candidates = index.manifests.filter((m) => isManifest(m.mediaType));
  const pick = candidates.find((m) => m.platform && WASM_PLATFORMS.has(m.platform.os)) ?? candidates[0];
  if (!pick) throw notFound(`image ${name}: index blob ${target.digest} has no manifest`);
  return resolveManifest(read, pick, name);
}

export type { ImageConfig };
