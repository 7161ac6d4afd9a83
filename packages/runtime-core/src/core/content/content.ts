// containerd core/content: a content-addressed blob store. Writers ingest under a ref
// with an expected digest and size; Commit verifies both and makes the blob visible
// atomically. Labels carry GC references (containerd.io/gc.ref.content.*).
import type { Digest } from '../../digest/digest.js';

export interface Info {
  digest: Digest;
  size: number;
  createdAt: Date;
  updatedAt: Date;
  labels: Record<string, string>;
}

export interface Status {
  ref: string;
  offset: number;
  total?: number;
  expected?: Digest;
  startedAt: Date;
}

export interface WriterOptions {
  ref: string;
  expected?: Digest;
  total?: number;
  labels?: Record<string, string>;
}

export interface Writer {
  readonly ref: string;
  write(chunk: Uint8Array): Promise<void>;
  offset(): number;
  // Verifies size and digest (when given) and renames the ingest into place.
  commit(size?: number, expected?: Digest, labels?: Record<string, string>): Promise<Digest>;
  close(): Promise<void>;
}

export interface Provider {
  readerAt(digest: Digest): Promise<ReaderAt>;
  readBlob(digest: Digest): Promise<Buffer>;
  // Filesystem path of a committed blob; shims compile modules straight from it.
  blobPath(digest: Digest): Promise<string>;
}

export interface ReaderAt {
  readonly size: number;
  readAt(buf: Uint8Array, offset: number): Promise<number>;
  close(): Promise<void>;
}

export interface Manager {
  info(digest: Digest): Promise<Info>;
  update(info: Pick<Info, 'digest' | 'labels'>, fieldpaths?: string[]): Promise<Info>;
  walk(fn: (info: Info) => void | Promise<void>, ...filters: string[]): Promise<void>;
  delete(digest: Digest): Promise<void>;
}

export interface Ingester {
  writer(opts: WriterOptions): Promise<Writer>;
}

export interface IngestManager {
  status(ref: string): Promise<Status>;
  listStatuses(): Promise<Status[]>;
  abort(ref: string): Promise<void>;
}

export interface Store extends Manager, Provider, Ingester, IngestManager {}

export const LabelGCRefContent = 'containerd.io/gc.ref.content';
