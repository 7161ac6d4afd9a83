// containerd plugins/content/local: blobs at <root>/blobs/sha256/<hex>, ingests under
// <root>/ingest/<sha256(ref)>, labels beside the blob. Commit verifies size and digest
// and renames the ingest into place, so a blob is either complete and verified or absent.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Digester, encoded, isDigest, type Digest } from '../../digest/digest.js';
import { alreadyExists, failedPrecondition, invalidArgument, isNotFound, notFound, unavailable } from '../../errdefs/errdefs.js';
import { adaptObject, parseAll } from '../../filters/filters.js';
import type { Info, ReaderAt, Status, Store, Writer, WriterOptions } from '../../core/content/content.js';
import { writeFileAtomic } from '../../pkg/atomicfile.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';

const refDir = (ref: string) => createHash('sha256').update(ref).digest('hex');

interface IngestMeta {
  ref: string;
  expected?: Digest;
  total?: number;
  startedAt: string;
  labels?: Record<string, string>;
}

export class LocalStore implements Store {
  private readonly active = new Set<string>();

  constructor(readonly root: string) {}

  static async open(root: string): Promise<LocalStore> {
    await mkdir(path.join(root, 'blobs', 'sha256'), { recursive: true });
    await mkdir(path.join(root, 'ingest'), { recursive: true });
    await mkdir(path.join(root, 'labels', 'sha256'), { recursive: true });
    return new LocalStore(root);
  }

  private blob(d: Digest): string {
    return path.join(this.root, 'blobs', 'sha256', encoded(d));
  }
  private labelsFile(d: Digest): string {
    return path.join(this.root, 'labels', 'sha256', `${encoded(d)}.json`);
  }

  async info(digest: Digest): Promise<Info> {
    let st;
    try {
      st = await stat(this.blob(digest));
    } catch {
      throw notFound(`content ${digest}: not found`);
    }
    let labels: Record<string, string> = {};
    let updatedAt = st.mtime;
    try {
      const f = this.labelsFile(digest);
      labels = JSON.parse(await readFile(f, 'utf8'));
      updatedAt = (await stat(f)).mtime;
    } catch {
      // no labels recorded
    }
    return { digest, size: st.size, createdAt: st.mtime, updatedAt, labels };
  }

  async update(info: Pick<Info, 'digest' | 'labels'>, fieldpaths?: string[]): Promise<Info> {
    const cur = await this.info(info.digest);
    let labels = { ...info.labels };
    if (fieldpaths && fieldpaths.length > 0) {
      labels = { ...cur.labels };
      for (const fp of fieldpaths) {
        const key = fp.startsWith('labels.') ? fp.slice('labels.'.length) : undefined;
        if (key === undefined) throw invalidArgument(`content ${info.digest}: cannot update field ${fp}`);
        if (info.labels[key] === undefined) delete labels[key];
        else labels[key] = info.labels[key]!;
      }
    }
    await writeFileAtomic(this.labelsFile(info.digest), JSON.stringify(labels));
    return this.info(info.digest);
  }

  async walk(fn: (info: Info) => void | Promise<void>, ...filters: string[]): Promise<void> {
    const filter = parseAll(filters);
    for (const name of await readdir(path.join(this.root, 'blobs', 'sha256'))) {
      const d = `sha256:${name}`;
      if (!isDigest(d)) continue;
      let info: Info;
      try {
        info = await this.info(d);
      } catch (err) {
        if (isNotFound(err)) continue; // deleted while walking
        throw err;
      }
      if (filter.match(adaptObject(info))) await fn(info);
    }
  }

  async delete(digest: Digest): Promise<void> {
    try {
      await rm(this.blob(digest));
    } catch {
      throw notFound(`content ${digest}: not found`);
    }
    await rm(this.labelsFile(digest), { force: true });
  }

  async blobPath(digest: Digest): Promise<string> {
    await this.info(digest);
    return this.blob(digest);
  }

  async readBlob(digest: Digest): Promise<Buffer> {
    try {
      return await readFile(this.blob(digest));
    } catch {
      throw notFound(`content ${digest}: not found`);
    }
  }

  async readerAt(digest: Digest): Promise<ReaderAt> {
    let fh: FileHandle;
    try {
      fh = await open(this.blob(digest), 'r');
    } catch {
      throw notFound(`content ${digest}: not found`);
    }
    const size = (await fh.stat()).size;
    return {
      size,
      readAt: async (buf, offset) => (await fh.read(buf, 0, buf.length, offset)).bytesRead,
      close: () => fh.close(),
    };
  }

  readStream(digest: Digest): NodeJS.ReadableStream {
    return createReadStream(this.blob(digest));
  }

  async writer(opts: WriterOptions): Promise<Writer> {
    if (!opts.ref) throw invalidArgument('content writer: ref must not be empty');
    if (opts.expected) {
      try {
        await stat(this.blob(opts.expected));
        throw alreadyExists(`content ${opts.expected}: already exists`);
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOENT') throw err;
      }
    }
    if (this.active.has(opts.ref)) throw unavailable(`ingest ref ${JSON.stringify(opts.ref)} is locked by another writer`);
    this.active.add(opts.ref);
    const dir = path.join(this.root, 'ingest', refDir(opts.ref));
    try {
      await mkdir(dir, { recursive: true });
      const meta: IngestMeta = { ref: opts.ref, startedAt: new Date().toISOString() };
      if (opts.expected) meta.expected = opts.expected;
      if (opts.total !== undefined) meta.total = opts.total;
      if (opts.labels) meta.labels = opts.labels;
      await writeFile(path.join(dir, 'meta.json'), JSON.stringify(meta));
      const fh = await open(path.join(dir, 'data'), 'w');
      return new LocalWriter(this, opts, dir, fh, () => this.active.delete(opts.ref));
    } catch (err) {
      this.active.delete(opts.ref);
      throw err;
    }
  }

  async finish(dir: string, target: Digest, labels: Record<string, string> | undefined): Promise<void> {
    const dst = this.blob(target);
    try {
      await stat(dst);
      await rm(dir, { recursive: true, force: true });
      throw alreadyExists(`content ${target}: already exists`);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT') throw err;
    }
    if (labels && Object.keys(labels).length > 0) await writeFileAtomic(this.labelsFile(target), JSON.stringify(labels));
    await rename(path.join(dir, 'data'), dst);
    await rm(dir, { recursive: true, force: true });
  }

  async status(ref: string): Promise<Status> {
    const dir = path.join(this.root, 'ingest', refDir(ref));
    let meta: IngestMeta;
    try {
      meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8'));
    } catch {
      throw notFound(`ingest ref ${JSON.stringify(ref)}: not found`);
    }
    const st = await stat(path.join(dir, 'data')).catch(() => ({ size: 0 }));
    return {
      ref: meta.ref,
      offset: st.size,
      startedAt: new Date(meta.startedAt),
      ...(meta.total !== undefined ? { total: meta.total } : {}),
      ...(meta.expected ? { expected: meta.expected } : {}),
    };
  }

  async listStatuses(): Promise<Status[]> {
    const out: Status[] = [];
    for (const name of await readdir(path.join(this.root, 'ingest'))) {
      try {
        const meta: IngestMeta = JSON.parse(await readFile(path.join(this.root, 'ingest', name, 'meta.json'), 'utf8'));
        out.push(await this.status(meta.ref));
      } catch {
        // ingest vanished (committed or aborted) while listing
      }
    }
    return out;
  }

  async abort(ref: string): Promise<void> {
    if (this.active.has(ref)) throw failedPrecondition(`ingest ref ${JSON.stringify(ref)} is still being written`);
    const dir = path.join(this.root, 'ingest', refDir(ref));
    try {
      await stat(dir);
    } catch {
      throw notFound(`ingest ref ${JSON.stringify(ref)}: not found`);
    }
    await rm(dir, { recursive: true, force: true });
  }
}

class LocalWriter implements Writer {
  private readonly digester = new Digester();
  private written = 0;
  private closed = false;

  constructor(
    private readonly store: LocalStore,
    private readonly opts: WriterOptions,
    private readonly dir: string,
    private readonly fh: FileHandle,
    private readonly release: () => void,
  ) {}

  get ref(): string {
    return this.opts.ref;
  }

  offset(): number {
    return this.written;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.closed) throw failedPrecondition(`ingest ref ${JSON.stringify(this.ref)}: writer is closed`);
    if (this.opts.total !== undefined && this.written + chunk.length > this.opts.total) {
      throw invalidArgument(
        `content ${this.opts.expected ?? this.ref}: size mismatch: got more than the expected ${this.opts.total} bytes`,
      );
    }
    await this.fh.write(chunk);
    this.digester.update(chunk);
    this.written += chunk.length;
  }

  async commit(size?: number, expected?: Digest, labels?: Record<string, string>): Promise<Digest> {
    const want = expected ?? this.opts.expected;
    const wantSize = size ?? this.opts.total;
    const name = want ?? this.ref;
    if (wantSize !== undefined && this.written !== wantSize) {
      throw failedPrecondition(`content ${name}: size mismatch: expected ${wantSize} bytes, got ${this.written}`);
    }
    const got = this.digester.digest();
    if (want && got !== want) throw failedPrecondition(`content ${want}: digest mismatch: content hashes to ${got}`);
    await this.fh.sync();
    await this.fh.close();
    this.closed = true;
    try {
      await this.store.finish(this.dir, got, labels ?? this.opts.labels);
    } finally {
      this.release();
    }
    return got;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
    await rm(this.dir, { recursive: true, force: true });
    this.release();
  }
}

export const contentPlugin: Registration<LocalStore> = {
  type: PluginType.Content,
  id: 'content',
  init: (ic) => LocalStore.open(ic.root),
};
