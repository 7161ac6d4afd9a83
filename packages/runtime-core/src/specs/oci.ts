// OCI image-spec types and media types (opencontainers/image-spec v1.1), plus the Wasm
// OCI artifact types (CNCF TAG-Runtime wasm-oci and runwasi's component layer).
import { parseDigest, type Digest } from '../digest/digest.js';
import { invalidArgument } from '../errdefs/errdefs.js';

export const MediaType = {
  ImageIndex: 'application/vnd.oci.image.index.v1+json',
  ImageManifest: 'application/vnd.oci.image.manifest.v1+json',
  ImageConfig: 'application/vnd.oci.image.config.v1+json',
  Layer: 'application/vnd.oci.image.layer.v1.tar',
  LayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  WasmConfig: 'application/vnd.wasm.config.v0+json',
  WasmLayer: 'application/wasm',
  WasmComponentLayer: 'application/vnd.bytecodealliance.wasm.component.layer.v0+wasm',
} as const;

export const INDEX_MEDIA_TYPES: readonly string[] = [MediaType.ImageIndex, MediaType.DockerManifestList];
export const MANIFEST_MEDIA_TYPES: readonly string[] = [MediaType.ImageManifest, MediaType.DockerManifest];
export const IMAGE_CONFIG_MEDIA_TYPES: readonly string[] = [MediaType.ImageConfig, MediaType.DockerConfig];
export const TAR_LAYER_MEDIA_TYPES: readonly string[] = [MediaType.Layer, MediaType.LayerGzip, MediaType.DockerLayerGzip];
export const WASM_LAYER_MEDIA_TYPES: readonly string[] = [MediaType.WasmLayer, MediaType.WasmComponentLayer];

export const AnnotationRefName = 'org.opencontainers.image.ref.name';
export const AnnotationImageName = 'io.containerd.image.name';

export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string; variant?: string };
  artifactType?: string;
}

export interface Index {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface Manifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

// The parts of the OCI image config a task uses; unknown fields are kept as parsed.
export interface ImageConfig {
  architecture?: string;
  os?: string;
  config?: { Entrypoint?: string[]; Cmd?: string[]; Env?: string[]; WorkingDir?: string };
  rootfs?: { type: string; diff_ids: string[] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown, where: string): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw invalidArgument(`${where}: must be an object of strings`);
  }
  return v as Record<string, string>;
}

export function parseDescriptor(v: unknown, where: string): Descriptor {
  if (!isRecord(v)) throw invalidArgument(`${where}: descriptor must be an object`);
  if (typeof v.mediaType !== 'string' || v.mediaType === '') throw invalidArgument(`${where}.mediaType: missing`);
  const digest = parseDigest(v.digest, `${where}.digest`);
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) {
    throw invalidArgument(`${where}.size: must be a non-negative integer, got ${JSON.stringify(v.size)}`);
  }
  const d: Descriptor = { mediaType: v.mediaType, digest, size: v.size };
  const annotations = stringMap(v.annotations, `${where}.annotations`);
  if (annotations) d.annotations = annotations;
  if (isRecord(v.platform)) d.platform = v.platform as Descriptor['platform'];
  if (typeof v.artifactType === 'string') d.artifactType = v.artifactType;
  return d;
}

function parseJSON(bytes: Uint8Array, where: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw invalidArgument(`${where}: not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(v)) throw invalidArgument(`${where}: must be a JSON object`);
  return v;
}

function checkSchema(v: Record<string, unknown>, where: string, mediaType: string | undefined, allowed: readonly string[]) {
  if (v.schemaVersion !== 2) throw invalidArgument(`${where}.schemaVersion: want 2, got ${JSON.stringify(v.schemaVersion)}`);
  if (v.mediaType !== undefined && !allowed.includes(v.mediaType as string)) {
    throw invalidArgument(`${where}.mediaType: unexpected ${JSON.stringify(v.mediaType)}`);
  }
  if (mediaType !== undefined && v.mediaType !== undefined && v.mediaType !== mediaType) {
    throw invalidArgument(`${where}.mediaType: ${JSON.stringify(v.mediaType)} does not match descriptor media type ${mediaType}`);
  }
}

export function parseIndex(bytes: Uint8Array, where: string, mediaType?: string): Index {
  const v = parseJSON(bytes, where);
  checkSchema(v, where, mediaType, INDEX_MEDIA_TYPES);
  if (!Array.isArray(v.manifests)) throw invalidArgument(`${where}.manifests: must be an array`);
  const manifests = v.manifests.map((m, i) => parseDescriptor(m, `${where}.manifests[${i}]`));
  const out: Index = { schemaVersion: 2, manifests };
  if (typeof v.mediaType === 'string') out.mediaType = v.mediaType;
  const annotations = stringMap(v.annotations, `${where}.annotations`);
  if (annotations) out.annotations = annotations;
  return out;
}

export function parseManifest(bytes: Uint8Array, where: string, mediaType?: string): Manifest {
  const v = parseJSON(bytes, where);
  checkSchema(v, where, mediaType, MANIFEST_MEDIA_TYPES);
  const config = parseDescriptor(v.config, `${where}.config`);
  if (!Array.isArray(v.layers)) throw invalidArgument(`${where}.layers: must be an array`);
  const layers = v.layers.map((l, i) => parseDescriptor(l, `${where}.layers[${i}]`));
  const out: Manifest = { schemaVersion: 2, config, layers };
  if (typeof v.mediaType === 'string') out.mediaType = v.mediaType;
  if (typeof v.artifactType === 'string') out.artifactType = v.artifactType;
  const annotations = stringMap(v.annotations, `${where}.annotations`);
  if (annotations) out.annotations = annotations;
  return out;
}

function stringList(v: unknown, where: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw invalidArgument(`${where}: must be an array of strings`);
  return v as string[];
}

export function parseImageConfig(bytes: Uint8Array, where: string): ImageConfig {
  const v = parseJSON(bytes, where);
  const out: ImageConfig = {};
  if (typeof v.architecture === 'string') out.architecture = v.architecture;
  if (typeof v.os === 'string') out.os = v.os;
  if (v.config !== undefined && v.config !== null) {
    if (!isRecord(v.config)) throw invalidArgument(`${where}.config: must be an object`);
    const c = v.config;
    out.config = {};
    const ep = stringList(c.Entrypoint, `${where}.config.Entrypoint`);
    const cmd = stringList(c.Cmd, `${where}.config.Cmd`);
    const env = stringList(c.Env, `${where}.config.Env`);
    if (ep) out.config.Entrypoint = ep;
    if (cmd) out.config.Cmd = cmd;
    if (env) out.config.Env = env;
    if (typeof c.WorkingDir === 'string') out.config.WorkingDir = c.WorkingDir;
  }
  if (isRecord(v.rootfs)) {
    const diffIds = stringList(v.rootfs.diff_ids, `${where}.rootfs.diff_ids`) ?? [];
    out.rootfs = { type: String(v.rootfs.type), diff_ids: diffIds };
  }
  return out;
}
