import { describe, expect, it } from 'vitest';
import wabtInit from 'wabt';
import { wat2wasm } from '../../../smoke/wat.js';
import { importDefinedMemory, MemoryPool, POOLED_MEMORY_MAX_BYTES, POOLED_MEMORY_MODULE, POOLED_MEMORY_NAME } from './memory_pool.js';

const PAGE = 64 * 1024;
const pooledImports = (memory: WebAssembly.Memory) => ({ [POOLED_MEMORY_MODULE]: { [POOLED_MEMORY_NAME]: memory } });

// With the name section (custom section 0) that wat2wasm leaves out; V8 validates.
async function withNames(source: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('named.wat', source, { threads: true });
  try {
    mod.resolveNames();
    return new Uint8Array(mod.toBinary({ write_debug_names: true }).buffer);
  } finally {
    mod.destroy();
  }
}

describe('importDefinedMemory', () => {
  it('turns the defined memory into an import, keeping exports, data segments and other imports', async () => {
    const wasm = await wat2wasm(
      't',
      `(module
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 2 8)
        (data (i32.const 100) "pooled")
        (func (export "_start") (call $exit (memory.size))))`,
    );
    const rewritten = importDefinedMemory(wasm)!;
    expect(rewritten.memory).toEqual({ initial: 2, maximum: 8 });
    const module = new WebAssembly.Module(rewritten.bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([
      { module: 'wasi_snapshot_preview1', name: 'proc_exit', kind: 'function' },
      { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'function' },
      { module: POOLED_MEMORY_MODULE, name: POOLED_MEMORY_NAME, kind: 'memory' },
    ]);
    expect(WebAssembly.Module.exports(module)).toEqual(WebAssembly.Module.exports(new WebAssembly.Module(new Uint8Array(wasm))));

    const memory = new WebAssembly.Memory({ initial: 2, maximum: 8 });
    let exited = -1;
    const instance = new WebAssembly.Instance(module, {
      wasi_snapshot_preview1: { proc_exit: (code: number) => (exited = code), fd_write: () => 0 },
      ...pooledImports(memory),
    });
    expect(instance.exports.memory).toBe(memory);
    expect(Buffer.from(memory.buffer, 100, 6).toString()).toBe('pooled');
    (instance.exports._start as () => void)();
    expect(exited).toBe(2);
    // The module's own maximum still binds: a memory allowed to grow further does not link.
    expect(() => new WebAssembly.Instance(module, { wasi_snapshot_preview1: { proc_exit: () => 0, fd_write: () => 0 }, ...pooledImports(new WebAssembly.Memory({ initial: 2 })) })).toThrow(
      WebAssembly.LinkError,
    );
  });

  it('adds an import section where the module had none, before the function section, and keeps custom sections', async () => {
    const wasm = await withNames(`(module $named (memory (export "memory") 1) (func $main (export "_start")))`);
    const rewritten = importDefinedMemory(wasm)!;
    expect(rewritten.memory).toEqual({ initial: 1 });
    const module = new WebAssembly.Module(rewritten.bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: POOLED_MEMORY_MODULE, name: POOLED_MEMORY_NAME, kind: 'memory' }]);
    expect(WebAssembly.Module.customSections(module, 'name')).toHaveLength(1);
    const memory = new WebAssembly.Memory({ initial: 1 });
    expect(new WebAssembly.Instance(module, pooledImports(memory)).exports.memory).toBe(memory);
  });

  it('leaves alone what it should not pool', async () => {
    const cases: Record<string, Uint8Array> = {
      'no memory': await wat2wasm('a', `(module (func (export "_start")))`),
      'an imported memory': await wat2wasm('b', `(module (import "env" "memory" (memory 1)) (func (export "_start")))`),
      'a shared memory': await withNames(`(module (memory (export "memory") 1 1 shared) (func (export "_start")))`),
      'a memory too big to zero cheaply': await wat2wasm('c', `(module (memory (export "memory") ${POOLED_MEMORY_MAX_BYTES / PAGE + 1}) (func (export "_start")))`),
      // A memory section whose size is an over-long LEB128.
      'bytes that are not Wasm': Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      'a truncated section': (await wat2wasm('d', `(module (memory (export "memory") 1) (func (export "_start")))`)).subarray(0, 20),
    };
    for (const [what, bytes] of Object.entries(cases)) expect(importDefinedMemory(bytes), what).toBeUndefined();
  });
});

describe('MemoryPool', () => {
  it('hands back a used memory zeroed, and only while it is still at its initial size', () => {
    const pool = new MemoryPool();
    const type = { initial: 1 };
    const first = pool.take(type);
    new Uint8Array(first.buffer).fill(0xab);
    pool.give(type, first);
    const again = pool.take(type);
    expect(again).toBe(first);
    expect(new Uint8Array(again.buffer).every((b) => b === 0)).toBe(true);
    // Taken twice at once (one per running instance): distinct memories.
    expect(pool.take(type)).not.toBe(again);

    again.grow(1);
    pool.give(type, again);
    const fresh = pool.take(type);
    expect(fresh).not.toBe(again);
    expect(fresh.buffer.byteLength).toBe(PAGE);
  });

  it('keeps memories of different types apart', () => {
    const pool = new MemoryPool();
    const bounded = { initial: 1, maximum: 1 };
    const unbounded = { initial: 1 };
    const m = pool.take(bounded);
    pool.give(bounded, m);
    expect(pool.take(unbounded)).not.toBe(m);
    expect(pool.take(bounded)).toBe(m);
    expect(() => m.grow(1)).toThrow(RangeError);
  });
});
