// Conformance suite for content store implementations (containerd's content/testsuite).
import { describe, expect, it } from 'vitest';
import type { Store } from '../core/content/content.js';
import { writeBlob } from '../core/content/helpers.js';
import { fromBytes } from '../digest/digest.js';
import { isAlreadyExists, isFailedPrecondition, isNotFound } from '../errdefs/errdefs.js';

export function contentSuite(name: string, open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>): void {
  describe(`content store conformance: ${name}`, () => {
    const data = Buffer.from('hello content');
    const digest = fromBytes(data);

    it('ingests, verifies and reads back; a second ingest already exists', async () => {
      const { store, cleanup } = await open();
      try {
        const w = await store.writer({ ref: 'r1', expected: digest, total: data.length });
        await w.write(data.subarray(0, 5));
        expect((await store.status('r1')).offset).toBe(5);
        await w.write(data.subarray(5));
        expect(await w.commit()).toBe(digest);
        expect((await store.readBlob(digest)).toString()).toBe('hello content');
        expect((await store.info(digest)).size).toBe(data.length);
        await expect(store.writer({ ref: 'r2', expected: digest })).rejects.toSatisfy(isAlreadyExists);
        await writeBlob(store, 'r3', data, { digest, size: data.length }); // idempotent
        const r = await store.readerAt(digest);
        const buf = Buffer.alloc(7);
        expect(await r.readAt(buf, 6)).toBe(7);
        expect(buf.toString()).toBe('content');
        await r.close();
      } finally {
        await cleanup();
      }
    });

    it('rejects digest and size mismatches, naming the blob, and leaves nothing behind', async () => {
      const { store, cleanup } = await open();
      try {
        const wrong = fromBytes('something else');
        const w = await store.writer({ ref: 'bad', expected: wrong });
        await w.write(data);
        await expect(w.commit()).rejects.toThrow(new RegExp(`content ${wrong}: digest mismatch`));
        await w.close();
        await expect(store.info(wrong)).rejects.toSatisfy(isNotFound);
        await expect(store.status('bad')).rejects.toSatisfy(isNotFound);
        const w2 = await store.writer({ ref: 'short', expected: digest, total: data.length + 1 });
        await w2.write(data);
        await expect(w2.commit()).rejects.toSatisfy((e) => isFailedPrecondition(e) && /size mismatch/.test((e as Error).message));
        await w2.close();
        const w3 = await store.writer({ ref: 'long', expected: digest, total: 3 });
        await expect(w3.write(data)).rejects.toThrow(/size mismatch/);
        await w3.close();
      } finally {
        await cleanup();
      }
    });

    it('locks refs, lists and aborts ingests', async () => {
      const { store, cleanup } = await open();
      try {
        const w = await store.writer({ ref: 'busy', total: 10 });
        await expect(store.writer({ ref: 'busy' })).rejects.toThrow(/locked/);
        await expect(store.abort('busy')).rejects.toSatisfy(isFailedPrecondition);
        expect((await store.listStatuses()).map((s) => s.ref)).toEqual(['busy']);
        await w.close();
        expect(await store.listStatuses()).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    it('updates labels, walks with filters and deletes', async () => {
      const { store, cleanup } = await open();
      try {
        await writeBlob(store, 'a', data, { digest, size: data.length }, { keep: 'yes' });
        const other = Buffer.from('other');
        await writeBlob(store, 'b', other, { digest: fromBytes(other), size: other.length });
        await store.update({ digest, labels: { tier: 'gold' } }, ['labels.tier']);
        expect((await store.info(digest)).labels).toEqual({ keep: 'yes', tier: 'gold' });
        const seen: string[] = [];
        await store.walk((i) => void seen.push(i.digest), 'labels.tier==gold');
        expect(seen).toEqual([digest]);
        await store.delete(digest);
        await expect(store.info(digest)).rejects.toSatisfy(isNotFound);
        await expect(store.delete(digest)).rejects.toSatisfy(isNotFound);
      } finally {
        await cleanup();
      }
    });
  });
}
