// containerd's content.WriteBlob: ingest a whole buffer or stream with an expected digest,
// treating "already exists" as success so imports are idempotent — once the stored blob's
// size agrees with the descriptor (a digest names the bytes, and so their length).
import type { Digest } from '../../digest/digest.js';
import { failedPrecondition, isAlreadyExists } from '../../errdefs/errdefs.js';
import type { Ingester, Manager } from './content.js';

async function checkStoredSize(store: Pick<Manager, 'info'>, expected: { digest: Digest; size: number }): Promise<void> {
  const { size } = await store.info(expected.digest);
  if (size !== expected.size) {
    throw failedPrecondition(`blob ${expected.digest}: size mismatch: the descriptor says ${expected.size} bytes, the stored blob has ${size}`);
  }
}

export async function writeBlob(
  store: Ingester & Pick<Manager, 'info'>,
  ref: string,
  data: Uint8Array | AsyncIterable<Uint8Array>,
  expected: { digest: Digest; size: number },
  labels?: Record<string, string>,
): Promise<void> {
  let w;
  try {
    w = await store.writer({ ref, expected: expected.digest, total: expected.size, ...(labels ? { labels } : {}) });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    // The caller still owns the unread stream (a tar entry is drained by its extractor).
    return checkStoredSize(store, expected);
  }
  try {
    if (data instanceof Uint8Array) await w.write(data);
    else for await (const chunk of data) await w.write(chunk);
    await w.commit(expected.size, expected.digest, labels);
  } catch (err) {
    if (isAlreadyExists(err)) return checkStoredSize(store, expected);
    throw err;
  } finally {
    await w.close();
  }
}
