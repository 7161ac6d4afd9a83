import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client } from '../../client/client.js';
import { encoded, fromBytes } from '../../digest/digest.js';
import { isFailedPrecondition, isInvalidArgument, isNotFound } from '../../errdefs/errdefs.js';
import { blob, json, rootfsImage, wasmArtifact, writeLayout, type ImageBlobs } from '../../smoke/ocibuild.js';
import { MediaType } from '../../specs/oci.js';
import { scratch, wasmOf } from '../../testsuite/fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let client: Client;
beforeEach(async () => {
  ({ dir, cleanup } = await scratch());
  client = await Client.open({ root: path.join(dir, 'root'), state: path.join(dir, 'state'), config: { 'io.containerd.image-verifier.v1.bindir': { binDir: path.join(dir, 'verifiers'), perVerifierTimeoutMs: 300 } } });
});
afterEach(async () => {
  await client.close();
  await cleanup();
});

const hello = async () => wasmArtifact(await wasmOf('hello'));

describe('transfer: import', () => {
  it('imports directory and tar layouts, unpacks rootfs images, exports and re-imports', async () => {
    await client.importImage(await writeLayout(path.join(dir, 'a'), [{ name: 'x/hello:1', image: await hello() }]));
    const img = await rootfsImage({ layers: [[{ name: 'app.wasm', data: await wasmOf('cat') }]], entrypoint: ['/app.wasm'], gzip: true });
    expect(await client.importImage(await writeLayout(path.join(dir, 'b.tar'), [{ name: 'x/cat:1', image: img }]))).toEqual(['x/cat:1']);
    expect((await client.images.list()).map((i) => i.name)).toEqual(['x/cat:1', 'x/hello:1']);
    expect((await client.resolve('x/cat:1')).snapshot).toMatch(/^sha256:/);
    const events = client.events.subscribe('topic~=^/images/');
    await client.exportImages(['x/hello:1', 'x/cat:1'], path.join(dir, 'out.tar'), 'tar');
    await client.exportImages(['x/hello:1'], path.join(dir, 'outdir'), 'directory');
    await client.images.delete('x/hello:1');
    await client.importImage(path.join(dir, 'outdir'));
    await client.importImage(path.join(dir, 'out.tar'));
    events.close();
    const topics: string[] = [];
    for await (const e of events) topics.push(e.topic);
    expect(topics).toEqual(['/images/delete', '/images/create', '/images/update', '/images/update']);
  });

  it('names the image from --name when the index has no annotation', async () => {
    await writeLayout(path.join(dir, 'anon'), [{ image: await hello() }]);
    await expect(client.importImage(path.join(dir, 'anon'))).rejects.toThrow(/no image name annotation/);
    expect(await client.importImage(path.join(dir, 'anon'), { name: 'named:1' })).toEqual(['named:1']);
  });

  it('rejects a blob whose content does not match its digest, naming the blob', async () => {
    const image = await hello();
    const target = path.join(dir, 'tampered');
    await writeLayout(target, [{ name: 't:1', image }]);
    const layer = image.blobs[1]!.desc.digest;
    await writeFile(path.join(target, 'blobs/sha256', encoded(layer)), 'tampered bytes!!');
    const err = await client.importImage(target).catch((e: Error) => e);
    expect((err as Error).message).toMatch(new RegExp(`${layer}`));
    expect((err as Error).message).toMatch(/mismatch/);
    // Same in a tar: the entry's name is its digest.
    const tarPath = path.join(dir, 'tampered.tar');
    const bad = { ...image, blobs: [image.blobs[0]!, { desc: image.blobs[1]!.desc, data: Buffer.from('x'.repeat(image.blobs[1]!.desc.size)) }] };
    await writeLayout(tarPath, [{ name: 't:1', image: bad }]);
    await expect(client.importImage(tarPath)).rejects.toThrow(new RegExp(`content ${layer}: digest mismatch`));
    expect(await client.images.list()).toEqual([]);
  });

  it('refuses a descriptor whose size disagrees with the stored blob, in a directory and in a tar', async () => {
    const image = await hello();
    await client.importImage(await writeLayout(path.join(dir, 'ok'), [{ name: 'ok:1', image }]));
    const layer = image.blobs[1]!;
    // Same digest, a size that is not the blob's: the blob file is there, so it would be "already stored".
    const lying = { desc: { ...layer.desc, size: layer.desc.size + 7 }, data: layer.data };
    const config = image.blobs[0]!;
    const manifest = json(MediaType.ImageManifest, { schemaVersion: 2, mediaType: MediaType.ImageManifest, artifactType: MediaType.WasmConfig, config: config.desc, layers: [lying.desc] });
    for (const target of [path.join(dir, 'lying'), path.join(dir, 'lying.tar')]) {
      await writeLayout(target, [{ name: 'lying:1', image: { manifest, blobs: [config, lying] } }]);
      const err = await client.importImage(target).catch((e: unknown) => e);
      expect(isFailedPrecondition(err), `${target}: ${String(err)}`).toBe(true);
      expect((err as Error).message).toMatch(new RegExp(`blob ${layer.desc.digest}: size mismatch: .*${layer.desc.size + 7}.*${layer.desc.size}`));
    }
    expect((await client.images.list()).map((i) => i.name)).toEqual(['ok:1']);
    await client.exportImages(['ok:1'], path.join(dir, 'ok-out'), 'directory');
    await client.images.delete('ok:1');
    expect(await client.importImage(path.join(dir, 'ok-out'))).toEqual(['ok:1']);
  });

  it('rejects unknown media types and missing blobs, naming the blob', async () => {
    const layer = blob('application/x-unknown', 'data');
    const config = json(MediaType.ImageConfig, {});
    const manifest = json(MediaType.ImageManifest, { schemaVersion: 2, mediaType: MediaType.ImageManifest, config: config.desc, layers: [layer.desc] });
    const image: ImageBlobs = { manifest, blobs: [config, layer] };
    await writeLayout(path.join(dir, 'unknown'), [{ name: 'u:1', image }]);
    const err = await client.importImage(path.join(dir, 'unknown')).catch((e: unknown) => e);
    expect(isInvalidArgument(err)).toBe(true);
    expect((err as Error).message).toContain(`blob ${layer.desc.digest}): unknown media type "application/x-unknown"`);

    const target = path.join(dir, 'missing');
    const ok = await hello();
    await writeLayout(target, [{ name: 'm:1', image: ok }]);
    await rm(path.join(target, 'blobs/sha256', encoded(ok.blobs[1]!.desc.digest)));
    await expect(client.importImage(target)).rejects.toThrow(new RegExp(`blob ${ok.blobs[1]!.desc.digest} \\(referenced by blob ${ok.manifest.desc.digest}\\) is missing`));
  });

  it('rejects a layer path that escapes the rootfs, naming the layer blob', async () => {
    const img = await rootfsImage({ layers: [[{ name: '../../escape.txt', data: 'x' }]], entrypoint: ['/app.wasm'] });
    await writeLayout(path.join(dir, 'escape.tar'), [{ name: 'e:1', image: img }]);
    const err = await client.importImage(path.join(dir, 'escape.tar')).catch((e: unknown) => e);
    expect(isInvalidArgument(err)).toBe(true);
    expect((err as Error).message).toContain(`blob ${img.blobs[1]!.desc.digest}`);
    expect((err as Error).message).toMatch(/escapes the rootfs/);
    expect(await client.images.list()).toEqual([]);
  });

  it('refuses a `.wh...` whiteout and keeps every other image and task rootfs', async () => {
    const good = await rootfsImage({ layers: [[{ name: 'app.wasm', data: await wasmOf('cat') }, { name: 'data.txt', data: 'kept' }]], entrypoint: ['/app.wasm'], cmd: ['data.txt'] });
    await client.importImage(await writeLayout(path.join(dir, 'good.tar'), [{ name: 'good:1', image: good }]));
    const task = await client.newTask('reader', { image: 'good:1', io: { stdout: 'pipe', stderr: 'pipe' } });
    for (const name of ['.wh...', 'x/.wh...', '.wh..']) {
      const evil = await rootfsImage({ layers: [[{ name: 'x/', type: 'directory' }, { name }]], entrypoint: ['/app.wasm'] });
      await writeLayout(path.join(dir, 'evil.tar'), [{ name: 'evil:1', image: evil }]);
      const err = await client.importImage(path.join(dir, 'evil.tar')).catch((e: unknown) => e);
      expect(isInvalidArgument(err), name).toBe(true);
      expect((err as Error).message).toContain(`blob ${evil.blobs[1]!.desc.digest}`);
      expect((err as Error).message).toMatch(/invalid whiteout name/);
    }
    expect((await client.images.list()).map((i) => i.name)).toEqual(['good:1']);
    await task.start();
    expect((await task.wait()).stdout?.toString()).toBe('kept');
    await task.delete();
    const again = await client.newTask('reader-2', { image: 'good:1', io: { stdout: 'pipe', stderr: 'pipe' } });
    await again.start();
    expect((await again.wait()).stdout?.toString()).toBe('kept');
    await again.delete();
  });

  it('refuses at import a module built for wasi_unstable (preview 0), as an artifact and as an entrypoint', async () => {
    const unstable = await wasmOf('unstable');
    const artifact = wasmArtifact(unstable);
    await writeLayout(path.join(dir, 'p0'), [{ name: 'p0:1', image: artifact }]);
    const err = await client.importImage(path.join(dir, 'p0')).catch((e: unknown) => e);
    expect(isInvalidArgument(err)).toBe(true);
    expect((err as Error).message).toMatch(
      new RegExp(`^image p0:1 manifest blob ${artifact.manifest.desc.digest}: module layer blob ${artifact.blobs[1]!.desc.digest}: imports wasi_unstable.proc_exit: "wasi_unstable" is WASI preview 0, which node:wasi does not run; rebuild the module for wasm32-wasip1`),
    );
    const rootfs = await rootfsImage({ layers: [[{ name: 'bin/app.wasm', data: unstable }]], entrypoint: ['/bin/app.wasm'] });
    await writeLayout(path.join(dir, 'p0.tar'), [{ name: 'p0-rootfs:1', image: rootfs }]);
    await expect(client.importImage(path.join(dir, 'p0.tar'))).rejects.toThrow(/entrypoint \/bin\/app.wasm: imports wasi_unstable.proc_exit/);
    expect(await client.images.list()).toEqual([]);
  });

  it('rejects malformed layouts and manifests', async () => {
    await mkdir(path.join(dir, 'nolayout'));
    await expect(client.importImage(path.join(dir, 'nolayout'))).rejects.toThrow(/no oci-layout file/);
    const target = await writeLayout(path.join(dir, 'badindex'), [{ name: 'b:1', image: await hello() }]);
    await writeFile(path.join(target, 'index.json'), '{"schemaVersion": 1, "manifests": []}');
    await expect(client.importImage(target)).rejects.toThrow(/index.json.schemaVersion: want 2/);
    const bad = json(MediaType.ImageManifest, { schemaVersion: 2, config: { mediaType: MediaType.WasmConfig, digest: 'sha256:nothex', size: 1 }, layers: [] });
    await writeLayout(path.join(dir, 'badmanifest'), [{ name: 'b:1', image: { manifest: bad, blobs: [] } }]);
    await expect(client.importImage(path.join(dir, 'badmanifest'))).rejects.toThrow(new RegExp(`blob ${bad.desc.digest}.config.digest: invalid digest`));
  });
});

describe('image verifiers (bindir)', () => {
  const script = async (name: string, body: string) => {
    await mkdir(path.join(dir, 'verifiers'), { recursive: true });
    const p = path.join(dir, 'verifiers', name);
    await writeFile(p, `#!/bin/sh\n${body}\n`);
    await chmod(p, 0o755);
  };

  it('allows when every verifier exits 0 and passes name, digest and descriptor', async () => {
    await script('10-record', `echo "$@" > ${dir}/args; cat > ${dir}/stdin; echo looks fine`);
    const image = await hello();
    await client.importImage(await writeLayout(path.join(dir, 'l'), [{ name: 'v:1', image }]));
    expect(await readFile(path.join(dir, 'args'), 'utf8')).toBe(`-name v:1 -digest ${image.manifest.desc.digest} -stdin-media-type application/vnd.oci.descriptor.v1+json\n`);
    expect(JSON.parse(await readFile(path.join(dir, 'stdin'), 'utf8')).digest).toBe(image.manifest.desc.digest);
  });

  it('denies when one verifier rejects or times out, showing its reason', async () => {
    await script('10-ok', 'exit 0');
    await script('20-deny', 'echo "unsigned image"; exit 1');
    await writeLayout(path.join(dir, 'l'), [{ name: 'v:1', image: await hello() }]);
    const err = await client.importImage(path.join(dir, 'l')).catch((e: unknown) => e);
    expect(isFailedPrecondition(err)).toBe(true);
    expect((err as Error).message).toMatch(/rejected by image verifier bindir: 20-deny: exit 1: unsigned image/);
    await rm(path.join(dir, 'verifiers', '20-deny'));
    await script('30-slow', 'sleep 5');
    await expect(client.importImage(path.join(dir, 'l'))).rejects.toThrow(/30-slow: timed out after 300 ms/);
    expect(await client.images.list()).toEqual([]);
  });
});

describe('garbage collection', () => {
  it('removes unreferenced blobs and snapshots, keeps leased ones', async () => {
    const img = await rootfsImage({ layers: [[{ name: 'app.wasm', data: await wasmOf('cat') }]], entrypoint: ['/app.wasm'] });
    await client.importImage(await writeLayout(path.join(dir, 'r'), [{ name: 'r:1', image: img }]));
    await client.importImage(await writeLayout(path.join(dir, 'h'), [{ name: 'h:1', image: await hello() }]));
    expect((await client.gc.collect()).removedContent).toEqual([]);
    const lease = await client.leases.create();
    const loose = Buffer.from('in-flight blob');
    const looseDigest = fromBytes(loose);
    await client.leases.addResource(lease.id, { id: looseDigest, type: 'content' });
    await (await import('../../core/content/helpers.js')).writeBlob(client.content, 'loose', loose, { digest: looseDigest, size: loose.length });
    await client.images.delete('r:1');
    const r = await client.gc.collect();
    expect(r.removedContent.sort()).toEqual([img.manifest.desc.digest, ...img.blobs.map((b) => b.desc.digest)].sort());
    expect(r.removedSnapshots).toHaveLength(1);
    await client.content.info(looseDigest);
    await client.leases.delete(lease.id);
    expect((await client.gc.collect()).removedContent).toEqual([looseDigest]);
    await expect(client.content.info(looseDigest)).rejects.toSatisfy(isNotFound);
    await client.resolve('h:1');
  });
});
