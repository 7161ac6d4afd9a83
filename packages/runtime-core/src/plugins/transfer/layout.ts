// Reading OCI image layouts (image-spec image-layout.md) from a directory or a tar.
// A directory is read lazily, blob by blob; a tar is streamed once and every blob in it
// is ingested (verified against the digest in its name) before the graph is walked.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { encoded, isDigest, type Digest } from '../../digest/digest.js';
import { RuntimeError, failedPrecondition, invalidArgument, isNotFound, messageOf, notFound } from '../../errdefs/errdefs.js';
import type { Store as ContentStore } from '../../core/content/content.js';
import { writeBlob } from '../../core/content/helpers.js';
import type { Descriptor } from '../../specs/oci.js';

export interface LayoutReader {
  readonly source: string;
  indexJSON: Buffer;
  // Ensures the blob is in the content store, verified against desc, and returns it.
  fetch(desc: Descriptor, referrer: string): Promise<void>;
}

export type Protect = (digest: Digest) => Promise<void>;

function checkLayoutFile(bytes: Buffer | undefined, source: string): void {
  if (!bytes) throw invalidArgument(`${source}: not an OCI image layout (no oci-layout file)`);
  let v: { imageLayoutVersion?: unknown };
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidArgument(`${source}: oci-layout is not valid JSON`);
  }
  if (v.imageLayoutVersion !== '1.0.0') {
    throw invalidArgument(`${source}: oci-layout imageLayoutVersion ${JSON.stringify(v.imageLayoutVersion)} is not supported (want 1.0.0)`);
  }
}

async function checkStored(content: ContentStore, desc: Descriptor, referrer: string, source: string): Promise<void> {
  let info;
  try {
    info = await content.info(desc.digest);
  } catch (err) {
    if (isNotFound(err)) throw notFound(`blob ${desc.digest} (referenced by ${referrer}) is missing from ${source}`);
    throw err;
  }
  if (info.size !== desc.size) {
    throw failedPrecondition(`blob ${desc.digest}: size mismatch: ${referrer} says ${desc.size} bytes, blob has ${info.size}`);
  }
}

export async function openDirectoryLayout(dir: string, content: ContentStore, protect: Protect): Promise<LayoutReader> {
  const layoutFile = await readFile(path.join(dir, 'oci-layout')).catch(() => undefined);
  checkLayoutFile(layoutFile, dir);
  const indexJSON = await readFile(path.join(dir, 'index.json')).catch(() => {
    throw invalidArgument(`${dir}: OCI image layout has no index.json`);
  });
  return {
    source: dir,
    indexJSON,
    async fetch(desc, referrer) {
      await protect(desc.digest);
      const file = path.join(dir, 'blobs', 'sha256', encoded(desc.digest));
      const st = await stat(file).catch(() => undefined);
      // Already stored (the layout may omit shared blobs): the sizes must agree, nothing to copy.
      const stored = await content.info(desc.digest).then(
        () => true,
        (err: unknown) => (isNotFound(err) ? false : Promise.reject(err)),
      );
      if (!st || stored) return checkStored(content, desc, referrer, dir);
      await writeBlob(content, `import-${desc.digest}`, createReadStream(file), desc).catch((err: Error) => {
        throw Object.assign(err, { message: `${err.message} (blob file ${file}, referenced by ${referrer})` });
      });
    },
  };
}

export async function openTarLayout(file: string, content: ContentStore, protect: Protect): Promise<LayoutReader> {
  const head = Buffer.alloc(2);
  const fh = await import('node:fs/promises').then((m) => m.open(file, 'r'));
  await fh.read(head, 0, 2, 0).finally(() => fh.close());
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const extract = tar.extract();
  const files = new Map<string, Buffer>();
  const consume = (async () => {
    for await (const entry of extract) {
      const name = entry.header.name.replace(/^(\.\/)+/, '');
      const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(name);
      if (entry.header.type === 'file' && m) {
        const digest = `sha256:${m[1]}`;
        if (!isDigest(digest)) throw invalidArgument(`${file}: bad blob name ${name}`);
        await protect(digest);
        await writeBlob(content, `import-${digest}`, entry as unknown as Readable, { digest, size: entry.header.size ?? 0 }).catch((err: Error) => {
          throw Object.assign(err, { message: `${err.message} (tar entry ${name} in ${file})` });
        });
      } else if (entry.header.type === 'file' && (name === 'oci-layout' || name === 'index.json')) {
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        files.set(name, Buffer.concat(chunks));
      } else {
        entry.resume();
      }
    }
  })();
  const src: Readable = createReadStream(file);
  const feed = pipeline(src, gz ? createGunzip() : new PassThrough(), extract).catch((err: Error) => {
    throw invalidArgument(`${file}: cannot read tar: ${err.message}`);
  });
  try {
    await Promise.all([consume, feed]);
  } catch (err) {
    extract.destroy();
    src.destroy();
    // The extractor's own errors (a bad header, a short file) reach the loop above too.
    if (err instanceof RuntimeError) throw err;
    throw invalidArgument(`${file}: cannot read tar: ${messageOf(err)}`);
  }
  checkLayoutFile(files.get('oci-layout'), file);
  const indexJSON = files.get('index.json');
  if (!indexJSON) throw invalidArgument(`${file}: OCI image layout has no index.json`);
  return {
    source: file,
    indexJSON,
    fetch: async (desc, referrer) => {
      await protect(desc.digest);
      await checkStored(content, desc, referrer, file);
    },
  };
}

export async function openLayout(p: string, content: ContentStore, protect: Protect): Promise<LayoutReader> {
  const st = await stat(p).catch(() => {
    throw notFound(`OCI layout ${p}: no such file or directory`);
  });
  return st.isDirectory() ? openDirectoryLayout(p, content, protect) : openTarLayout(p, content, protect);
}
