import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBytes } from '../../../digest/digest.js';
import { isInvalidArgument } from '../../../errdefs/errdefs.js';
import { wat2wasm } from '../../../smoke/wat.js';
import { scratch, wasmOf } from '../../../testsuite/fixtures.js';
import { POOLED_MEMORY_MODULE, wasmSections } from './memory_pool.js';
import { ModuleCache } from './modcache.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());

async function cached(name: string, bytes: Uint8Array) {
  const file = path.join(dir, `${name}.wasm`);
  await writeFile(file, bytes);
  return new ModuleCache().get(file, fromBytes(bytes));
}

describe('module cache', () => {
  it('compiles a WASI command once with its memory pooled', async () => {
    const compiled = await cached('hello', await wasmOf('hello'));
    expect(compiled.pooledMemory).toEqual({ initial: 1 });
    expect(WebAssembly.Module.imports(compiled.module).map((i) => `${i.module}.${i.name}`)).toContain(`${POOLED_MEMORY_MODULE}.memory`);
  });

  it('keeps a memory of its own for a module too big to pool', async () => {
    const compiled = await cached('big', await wat2wasm('big', `(module (memory (export "memory") 128) (func (export "_start")))`));
    expect(compiled.pooledMemory).toBeUndefined();
    expect(WebAssembly.Module.imports(compiled.module)).toEqual([]);
  });

  it('rejects invalid Wasm that dropping the memory section would make valid', async () => {
    // hello with its memory section (id 5, a one-byte size) appended a second time: V8 refuses it.
    const hello = await wasmOf('hello');
    const memory = wasmSections(hello).find((s) => s.id === 5)!.body;
    const duplicated = Uint8Array.from([...hello, 5, memory.length, ...memory]);
    expect(WebAssembly.validate(duplicated)).toBe(false);
    const err = await cached('duplicated', duplicated).catch((e: unknown) => e);
    expect(isInvalidArgument(err)).toBe(true);
    expect((err as Error).message).toMatch(/^module sha256:[0-9a-f]{64}: invalid Wasm: /);
  });
});
