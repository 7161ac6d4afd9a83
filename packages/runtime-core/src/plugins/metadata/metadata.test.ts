import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlreadyExists, isInvalidArgument, isNotFound } from '../../errdefs/errdefs.js';
import { scratch } from '../../testsuite/fixtures.js';
import { MediaType } from '../../specs/oci.js';
import { fromBytes } from '../../digest/digest.js';
import { openMetadata, type Metadata } from './plugin.js';

let dir: string;
let cleanup: () => Promise<void>;
let md: Metadata;
beforeEach(async () => {
  ({ dir, cleanup } = await scratch());
  md = await openMetadata(path.join(dir, 'md'));
});
afterEach(() => cleanup());

const target = { mediaType: MediaType.ImageManifest, digest: fromBytes('m'), size: 1 };

describe('metadata buckets', () => {
  it('keeps every concurrent mutation while readers poll, and persists them', async () => {
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await md.images.create({ name: `img-${i}`, target });
        await md.images.list();
      }),
    );
    expect(await md.images.list()).toHaveLength(50);
    const reopened = await openMetadata(path.join(dir, 'md'));
    expect((await reopened.images.list('name~=^img-4')).map((i) => i.name)).toEqual(['img-4', 'img-40', 'img-41', 'img-42', 'img-43', 'img-44', 'img-45', 'img-46', 'img-47', 'img-48', 'img-49']);
  });

  it('enforces image names, uniqueness and existence', async () => {
    await expect(md.images.create({ name: 'bad name', target })).rejects.toSatisfy(isInvalidArgument);
    await md.images.create({ name: 'a', target });
    await expect(md.images.create({ name: 'a', target })).rejects.toSatisfy(isAlreadyExists);
    await expect(md.images.update({ name: 'b', target })).rejects.toSatisfy(isNotFound);
    await md.images.delete('a');
    await expect(md.images.get('a')).rejects.toSatisfy(isNotFound);
  });

  it('tracks lease resources and ignores expired leases', async () => {
    const live = await md.leases.create({ id: 'live' });
    const old = await md.leases.create({ id: 'old', expiresInMs: -1000 });
    await md.leases.addResource(live.id, { id: 'sha256:a', type: 'content' });
    await md.leases.addResource(old.id, { id: 'sha256:b', type: 'content' });
    expect(await md.leases.activeResources()).toEqual([{ id: 'sha256:a', type: 'content' }]);
    await md.leases.deleteResource(live.id, { id: 'sha256:a', type: 'content' });
    expect(await md.leases.listResources(live.id)).toEqual([]);
    await expect(md.leases.create({ id: 'live' })).rejects.toSatisfy(isAlreadyExists);
    expect((await md.leases.list()).map((l) => l.id).sort()).toEqual(['live', 'old']);
  });

  it('stores sandboxes', async () => {
    await md.sandboxes.create({ id: 'sb', runtime: 'io.containerd.wasi.v1', labels: { a: '1' } });
    await md.sandboxes.update({ id: 'sb', labels: { a: '2' } });
    expect((await md.sandboxes.list('labels.a==2')).map((s) => s.id)).toEqual(['sb']);
    await expect(md.sandboxes.create({ id: '../x', runtime: 'r' })).rejects.toSatisfy(isInvalidArgument);
    await md.sandboxes.delete('sb');
    await expect(md.sandboxes.get('sb')).rejects.toSatisfy(isNotFound);
  });
});
