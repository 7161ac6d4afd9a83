import { lstat, mkdir, readFile, readlink, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInvalidArgument } from '../../errdefs/errdefs.js';
import { makeTar, type TarEntry } from '../../smoke/ocibuild.js';
import { scratch } from '../../testsuite/fixtures.js';
import { MediaType } from '../../specs/oci.js';
import { applyLayer, confineLinkTarget, whiteoutTarget } from './apply.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

async function apply(entries: TarEntry[], gzip = false) {
  const raw = await makeTar(entries);
  const root = path.join(dir, 'rootfs');
  await mkdir(root, { recursive: true });
  return applyLayer(root, Readable.from([gzip ? gzipSync(raw) : raw]), gzip ? MediaType.LayerGzip : MediaType.Layer, 'blob sha256:test');
}

describe('diff apply', () => {
  it('extracts files, dirs, symlinks and hardlinks; diff id is the uncompressed digest', async () => {
    const r = await apply(
      [
        { name: './etc/', type: 'directory' },
        { name: './etc/app.conf', data: 'x=1\n', mode: 0o600 },
        { name: 'usr/bin/tool', data: 'bin' },
        { name: 'bin', type: 'symlink', linkname: 'usr/bin' },
        { name: 'etc/abs', type: 'symlink', linkname: '/usr/bin/tool' },
        { name: 'etc/hard', type: 'link', linkname: 'usr/bin/tool' },
      ],
      true,
    );
    expect(r.diffId).toMatch(/^sha256:/);
    const root = path.join(dir, 'rootfs');
    expect(await readFile(path.join(root, 'etc/app.conf'), 'utf8')).toBe('x=1\n');
    expect((await lstat(path.join(root, 'etc/app.conf'))).mode & 0o777).toBe(0o600);
    expect(await readlink(path.join(root, 'bin'))).toBe('usr/bin');
    // Absolute targets are rewritten relative to the link so the host never follows them out.
    expect(await readlink(path.join(root, 'etc/abs'))).toBe('../usr/bin/tool');
    expect(await readFile(path.join(root, 'etc/hard'), 'utf8')).toBe('bin');
  });

  it('applies whiteouts and opaque directories over lower layers', async () => {
    const root = path.join(dir, 'rootfs');
    await mkdir(path.join(root, 'keep'), { recursive: true });
    await mkdir(path.join(root, 'opq'), { recursive: true });
    await writeFile(path.join(root, 'keep/gone.txt'), 'old');
    await writeFile(path.join(root, 'keep/stays.txt'), 'old');
    await writeFile(path.join(root, 'opq/lower.txt'), 'old');
    await apply([
      { name: 'keep/.wh.gone.txt' },
      { name: 'opq/new.txt', data: 'new' },
      { name: 'opq/.wh..wh..opq' },
    ]);
    expect((await readdir(path.join(root, 'keep'))).sort()).toEqual(['stays.txt']);
    expect(await readdir(path.join(root, 'opq'))).toEqual(['new.txt']);
  });

  it.each([
    ['a .. path', [{ name: '../evil', data: 'x' }], /escapes the rootfs/],
    ['a nested .. path', [{ name: 'a/../../evil', data: 'x' }], /escapes the rootfs/],
    ['an absolute path', [{ name: '/etc/passwd', data: 'x' }], /absolute path/],
    ['a symlink out', [{ name: 'out', type: 'symlink', linkname: '../../..' }], /points outside the rootfs/],
    ['a write through a symlink', [{ name: 'd', type: 'symlink', linkname: '.' }, { name: 'd/f', data: 'x' }], /traverses symlink/],
    ['a hardlink out', [{ name: 'h', type: 'link', linkname: '../x' }], /escapes the rootfs/],
  ] as [string, TarEntry[], RegExp][])('rejects %s, naming the layer', async (_name, entries, re) => {
    const err = await apply(entries).then(() => undefined, (e: unknown) => e);
    expect(isInvalidArgument(err)).toBe(true);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).toContain('blob sha256:test');
  });

  it('applies an opaque marker where it stands: lower entries go, even inside kept directories', async () => {
    const root = path.join(dir, 'rootfs');
    await mkdir(path.join(root, 'opq/sub'), { recursive: true });
    await writeFile(path.join(root, 'opq/sub/lower.txt'), 'old');
    await writeFile(path.join(root, 'opq/lower.txt'), 'old');
    await writeFile(path.join(root, 'top.txt'), 'old');
    await apply([
      { name: 'opq/sub/', type: 'directory' },
      { name: 'opq/.wh..wh..opq' },
      { name: 'opq/sub/new.txt', data: 'new' },
      { name: 'opq/later.txt', data: 'new' },
    ]);
    expect((await readdir(path.join(root, 'opq'))).sort()).toEqual(['later.txt', 'sub']);
    expect(await readdir(path.join(root, 'opq/sub'))).toEqual(['new.txt']);
    expect(await readdir(root)).toContain('top.txt');
  });

  // A top-level `.wh...` once removed the directory above the rootfs: the snapshotter's
  // snapshots directory, with every image's and running task's rootfs in it.
  describe.each([
    ['.wh..', 'the rootfs itself'],
    ['.wh...', 'the parent of the rootfs'],
    ['.wh.', 'the rootfs itself (empty name)'],
    ['x/.wh..', 'its own directory'],
    ['x/.wh...', 'the directory above its own'],
    ['x/.wh.', 'its own directory (empty name)'],
    ['./x/./.wh...', 'the directory above its own, spelt with dots'],
  ])('a whiteout named %j (targets %s)', (name) => {
    it('is refused as an invalid whiteout name, and nothing around the rootfs is removed', async () => {
      const snapshots = path.join(dir, 'snapshots');
      const root = path.join(snapshots, 'rootfs');
      await mkdir(path.join(root, 'x'), { recursive: true });
      await writeFile(path.join(root, 'x/keep.txt'), 'mine');
      await mkdir(path.join(snapshots, 'other-image'), { recursive: true });
      await writeFile(path.join(snapshots, 'other-image/keep.txt'), 'theirs');
      const err = await applyLayer(root, Readable.from([await makeTar([{ name }])]), MediaType.Layer, 'blob sha256:evil').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isInvalidArgument(err)).toBe(true);
      expect((err as Error).message).toMatch(/^layer blob sha256:evil: entry ".*": invalid whiteout name/);
      expect(await readFile(path.join(root, 'x/keep.txt'), 'utf8')).toBe('mine');
      expect(await readFile(path.join(snapshots, 'other-image/keep.txt'), 'utf8')).toBe('theirs');
    });
  });

  it.each([
    ['an absolute whiteout', '/.wh.etc', /absolute path/],
    ['a whiteout above the rootfs', '../.wh.x', /escapes the rootfs/],
    ['a whiteout through a symlinked directory', 'link/.wh.victim', /traverses symlink/],
    ['an opaque marker in a symlinked directory', 'link/.wh..wh..opq', /traverses symlink/],
  ])('refuses %s', async (_what, name, re) => {
    const root = path.join(dir, 'rootfs');
    const outside = path.join(dir, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'victim'), 'host file');
    const err = await apply([{ name: 'link', type: 'symlink', linkname: '.' }, { name }]).then(() => undefined, (e: unknown) => e);
    expect(isInvalidArgument(err)).toBe(true);
    expect((err as Error).message).toMatch(re);
    expect(await readFile(path.join(outside, 'victim'), 'utf8')).toBe('host file');
    expect((await lstat(path.join(root, 'link'))).isSymbolicLink()).toBe(true);
  });

  it('names the target of a valid whiteout, including names that only start like markers', () => {
    expect(whiteoutTarget('a/.wh.b', 'l')).toBe('a/b');
    expect(whiteoutTarget('.wh.top', 'l')).toBe('top');
    expect(whiteoutTarget('a/.wh..wh.b', 'l')).toBe('a/.wh.b');
    expect(whiteoutTarget('a/.wh....', 'l')).toBe('a/...');
  });

  it('confines relative and absolute link targets', () => {
    expect(confineLinkTarget('a/b/link', '../c', 'l')).toBe('../c');
    expect(confineLinkTarget('link', '/', 'l')).toBe('.');
    expect(() => confineLinkTarget('a/link', '../../x', 'l')).toThrow(/outside/);
  });

  it('rejects a corrupt gzip stream', async () => {
    const root = path.join(dir, 'rootfs');
    await mkdir(root, { recursive: true });
    await expect(applyLayer(root, Readable.from([Buffer.from('not gzip')]), MediaType.LayerGzip, 'blob sha256:bad')).rejects.toThrow(/blob sha256:bad: cannot read tar\+gzip/);
  });
});
