// containerd's content.WriteBlob: ingest a whole buffer or stream with an expected digest,
// treating "already exists" as success so imports are idempotent.
import type { Digest } from '../../digest/digest.js';
import { isAlreadyExists } from '../../errdefs/errdefs.js';
import type { Ingester } from './content.js';

export async function writeBlob(
  store: Ingester,
  ref: string,
  data: Uint8Array | AsyncIterable<Uint8Array>,
  expected: { digest: Digest; size: number },
  labels?: Record<string, string>,
): Promise<void> {
  let w;
  try {
    w = await store.writer({ ref, expected: expected.digest, total: expected.size, ...(labels ? { labels } : {}) });
  } catch (err) {
    if (isAlreadyExists(err)) return;
    throw err;
  }
  try {
    if (data instanceof Uint8Array) await w.write(data);
    else for await (const chunk of data) await w.write(chunk);
    await w.commit(expected.size, expected.digest, labels);
  } catch (err) {
    if (isAlreadyExists(err)) return;
    throw err;
  } finally {
    await w.close();
  }
}
