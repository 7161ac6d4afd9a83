// Shared test fixtures: assembled smoke modules and scratch directories.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromBytes, type Digest } from '../digest/digest.js';
import { MODULES, type ModuleName } from '../smoke/modules.js';
import { wat2wasm } from '../smoke/wat.js';
import { writeFile } from 'node:fs/promises';

const cache = new Map<ModuleName, Promise<Uint8Array>>();

export function wasmOf(name: ModuleName): Promise<Uint8Array> {
  let p = cache.get(name);
  if (!p) {
    p = wat2wasm(name, MODULES[name]);
    cache.set(name, p);
  }
  return p;
}

export async function scratch(prefix = 'runtime-core-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

// Writes a module to a file, as the content store would hold it, and returns its spec entry.
export async function moduleFile(dir: string, name: ModuleName): Promise<{ path: string; digest: Digest }> {
  const bytes = await wasmOf(name);
  const p = path.join(dir, `${name}.wasm`);
  await writeFile(p, bytes);
  return { path: p, digest: fromBytes(bytes) };
}
