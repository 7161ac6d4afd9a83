// containerd's diff applier (archive.Apply) for tar layers onto a snapshot directory:
// OCI whiteouts (.wh.<name>, .wh..wh..opq) remove lower-layer entries, and any entry that
// would land outside the rootfs is rejected with the layer's digest in the error.
import { createWriteStream } from 'node:fs';
import { chmod, link, lstat, mkdir, readdir, rm, symlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { Digester, type Digest } from '../../digest/digest.js';
import { RuntimeError, invalidArgument, messageOf, toRuntimeError } from '../../errdefs/errdefs.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';

const WHITEOUT_PREFIX = '.wh.';
const WHITEOUT_OPAQUE = '.wh..wh..opq';

// Returns the entry's path relative to the rootfs, or throws when it escapes.
export function cleanEntryPath(name: string, layer: string): string {
  if (name.startsWith('/')) throw invalidArgument(`layer ${layer}: entry ${JSON.stringify(name)} has an absolute path`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw invalidArgument(`layer ${layer}: entry ${JSON.stringify(name)} escapes the rootfs (..)`);
  return parts.join('/');
}

// The entry a whiteout `<dir>/.wh.<name>` removes. Like containerd ("invalid whiteout name"),
// the target must be an entry inside <dir>: `.wh.`, `.wh..` and `.wh...` would name <dir>
// itself or its parent (for a top-level `.wh...`, the directory holding every snapshot).
export function whiteoutTarget(rel: string, layer: string): string {
  const dir = path.posix.dirname(rel);
  const name = path.posix.basename(rel).slice(WHITEOUT_PREFIX.length);
  const target = path.posix.join(dir, name);
  const inside = dir === '.' ? target !== '.' && target !== '..' && !target.startsWith('../') : target.startsWith(`${dir}/`);
  if (name === '' || name === '.' || name === '..' || name.includes('/') || !inside) {
    throw invalidArgument(`layer ${layer}: entry ${JSON.stringify(rel)}: invalid whiteout name (its target must be an entry inside ${JSON.stringify(dir === '.' ? '/' : dir)})`);
  }
  return target;
}

// Removes what lower layers left under dir (relative to root), keeping the entries this layer
// wrote; recurses into kept directories, whose lower contents are hidden too.
async function removeLowerEntries(root: string, dir: string, written: ReadonlySet<string>): Promise<void> {
  const abs = path.join(root, dir);
  for (const name of await readdir(abs)) {
    const rel = dir === '' ? name : `${dir}/${name}`;
    if (!written.has(rel)) await rm(path.join(abs, name), { recursive: true, force: true });
    else if ((await lstat(path.join(abs, name))).isDirectory()) await removeLowerEntries(root, rel, written);
  }
}

// Absolute link targets mean "from the rootfs root" inside a container; they are rewritten
// relative to the link so that following them on the host cannot leave the rootfs either.
export function confineLinkTarget(rel: string, target: string, layer: string): string {
  const dir = path.posix.dirname(rel);
  const resolved = target.startsWith('/') ? path.posix.normalize(target.slice(1) || '.') : path.posix.normalize(path.posix.join(dir, target));
  if (resolved === '..' || resolved.startsWith('../')) {
    throw invalidArgument(`layer ${layer}: symlink ${JSON.stringify(rel)} -> ${JSON.stringify(target)} points outside the rootfs`);
  }
  if (!target.startsWith('/')) return target;
  return path.posix.relative(dir, resolved) || '.';
}

// Parents must be real directories: writing through a symlinked parent could reach the host.
async function ensureParents(root: string, rel: string, layer: string): Promise<void> {
  const parts = rel.split('/').slice(0, -1);
  let cur = root;
  for (const p of parts) {
    cur = path.join(cur, p);
    let st;
    try {
      st = await lstat(cur);
    } catch {
      await mkdir(cur);
      continue;
    }
    if (st.isSymbolicLink()) throw invalidArgument(`layer ${layer}: entry ${JSON.stringify(rel)} traverses symlink ${JSON.stringify(path.relative(root, cur))}`);
    if (!st.isDirectory()) throw invalidArgument(`layer ${layer}: entry ${JSON.stringify(rel)} has non-directory parent ${JSON.stringify(path.relative(root, cur))}`);
  }
}

async function exists(p: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await lstat(p);
  } catch {
    return undefined;
  }
}

export interface ApplyResult {
  diffId: Digest;
}

export async function applyLayer(root: string, blob: Readable, mediaType: string, layer: string): Promise<ApplyResult> {
  const compressed = mediaType.endsWith('gzip');
  const digester = new Digester();
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      digester.update(chunk);
      cb(null, chunk);
    },
  });
  const extract = tar.extract();
  const written = new Set<string>();

  const consume = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const rel = cleanEntryPath(h.name, layer);
      const base = path.posix.basename(rel);
      const dst = path.join(root, rel);
      if (rel === '') {
        entry.resume();
        continue;
      }
      await ensureParents(root, rel, layer);
      if (base === WHITEOUT_OPAQUE) {
        // As containerd does, at the marker: lower entries go, this layer's so far stay.
        const dir = path.posix.dirname(rel);
        await removeLowerEntries(root, dir === '.' ? '' : dir, written);
      } else if (base.startsWith(WHITEOUT_PREFIX)) {
        await rm(path.join(root, whiteoutTarget(rel, layer)), { recursive: true, force: true });
      } else {
        const cur = await exists(dst);
        if (cur && !(h.type === 'directory' && cur.isDirectory())) await rm(dst, { recursive: true, force: true });
        written.add(rel);
        const mode = (h.mode ?? 0o644) & 0o777;
        if (h.type === 'file' || h.type === 'contiguous-file') {
          await pipeline(entry, createWriteStream(dst, { mode }));
          await chmod(dst, mode);
          if (h.mtime) await utimes(dst, h.mtime, h.mtime);
          continue;
        } else if (h.type === 'directory') {
          await mkdir(dst, { recursive: true, mode });
        } else if (h.type === 'symlink') {
          await symlink(confineLinkTarget(rel, h.linkname ?? '', layer), dst);
        } else if (h.type === 'link') {
          const target = cleanEntryPath(h.linkname ?? '', layer);
          await ensureParents(root, target, layer);
          const st = await exists(path.join(root, target));
          if (!st || !st.isFile()) throw invalidArgument(`layer ${layer}: hardlink ${JSON.stringify(rel)} -> ${JSON.stringify(h.linkname)} has no regular file target`);
          await link(path.join(root, target), dst);
        }
        // Devices and FIFOs cannot be created unprivileged and mean nothing to WASI: skipped.
      }
      entry.resume();
    }
  })();

  const src = compressed ? blob.pipe(createGunzip()) : blob.pipe(new PassThrough());
  const feed = pipeline(src, tap, extract).catch((err: Error) => {
    throw invalidArgument(`layer ${layer}: cannot read ${compressed ? 'tar+gzip' : 'tar'}: ${err.message}`);
  });
  try {
    await Promise.all([consume, feed]);
  } catch (err) {
    extract.destroy();
    src.destroy();
    if (err instanceof RuntimeError) throw err;
    // The extractor's errors reach the entry loop too; file system errors name their path.
    const code = (err as NodeJS.ErrnoException).code;
    if (code && !code.startsWith('ERR_')) throw toRuntimeError(Object.assign(err as Error, { message: `layer ${layer}: ${messageOf(err)}` }));
    throw invalidArgument(`layer ${layer}: cannot read ${compressed ? 'tar+gzip' : 'tar'}: ${messageOf(err)}`);
  }
  return { diffId: digester.digest() };
}

export interface Applier {
  apply(root: string, blob: Readable, mediaType: string, layer: string): Promise<ApplyResult>;
}

export const walkingDiffPlugin: Registration<Applier> = {
  type: PluginType.Differ,
  id: 'walking',
  init: () => ({ apply: applyLayer }),
};
