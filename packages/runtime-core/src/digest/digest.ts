// OCI digests (opencontainers/go-digest): "sha256:<64 lowercase hex>". Only sha256 is
// accepted because every blob we store is addressed and verified by it.
import { createHash, type Hash } from 'node:crypto';
import { invalidArgument } from '../errdefs/errdefs.js';

export type Digest = `sha256:${string}`;

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

export function isDigest(value: unknown): value is Digest {
  return typeof value === 'string' && DIGEST_RE.test(value);
}

export function parseDigest(value: unknown, where: string): Digest {
  if (!isDigest(value)) {
    throw invalidArgument(`${where}: invalid digest ${JSON.stringify(value)} (want sha256:<64 hex>)`);
  }
  return value;
}

export function encoded(d: Digest): string {
  return d.slice('sha256:'.length);
}

export function fromBytes(data: Uint8Array | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export class Digester {
  private readonly hash: Hash = createHash('sha256');
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Digest {
    return `sha256:${this.hash.digest('hex')}`;
  }
}
