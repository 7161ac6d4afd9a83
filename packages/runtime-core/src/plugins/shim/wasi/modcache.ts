// Precompiled-module cache: a module is read, checked against its digest, validated and
// compiled once per shim process, keyed by digest and engine (V8) version. A compiled
// WebAssembly.Module can be posted to worker threads but not serialised to disk on Node 20,
// so the cache lives in memory; a new shim process compiles again, once.
import { readFile } from 'node:fs/promises';
import { fromBytes, type Digest } from '../../../digest/digest.js';
import { invalidArgument, messageOf } from '../../../errdefs/errdefs.js';
import { importDefinedMemory, POOLED_MEMORY_MODULE, type MemoryType } from './memory_pool.js';

export const ENGINE = `v8-${process.versions.v8}`;
const WASI_MODULES = new Set(['wasi_snapshot_preview1', 'wasi_unstable']);

export interface CompiledModule {
  key: string;
  module: WebAssembly.Module;
  // Set when the module's memory was turned into an import served by the worker's MemoryPool.
  pooledMemory?: MemoryType;
}

function isComponent(bytes: Uint8Array): boolean {
  // Component binaries share the magic but carry layer 1 in bytes 6..7.
  return bytes.length >= 8 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[6] === 1 && bytes[7] === 0;
}

async function compileModule(bytes: Uint8Array, digest: Digest): Promise<{ module: WebAssembly.Module; pooledMemory?: MemoryType }> {
  const original = new Uint8Array(bytes);
  // The rewrite drops the memory section wherever it is, which could make a misordered or
  // duplicated one valid: only a module V8 accepts as it is gets rewritten.
  if (!WebAssembly.validate(original)) {
    const reason = await WebAssembly.compile(original).then(
      () => 'rejected by WebAssembly.validate',
      (err: unknown) => messageOf(err),
    );
    throw invalidArgument(`module ${digest}: invalid Wasm: ${reason}`);
  }
  const pooled = importDefinedMemory(original);
  if (pooled) {
    try {
      return { module: await WebAssembly.compile(pooled.bytes), pooledMemory: pooled.memory };
    } catch {
      // A module the rewrite does not handle: it runs with a memory of its own.
    }
  }
  return { module: await WebAssembly.compile(original) };
}

export class ModuleCache {
  private readonly entries = new Map<string, Promise<CompiledModule>>();

  get size(): number {
    return this.entries.size;
  }

  get(path: string, digest: Digest): Promise<CompiledModule> {
    const key = `${digest}@${ENGINE}`;
    let p = this.entries.get(key);
    if (!p) {
      p = this.compile(path, digest, key);
      this.entries.set(key, p);
      // A failed compile is not cached: the next create reports the error afresh.
      p.catch(() => this.entries.delete(key));
    }
    return p;
  }

  private async compile(path: string, digest: Digest, key: string): Promise<CompiledModule> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw invalidArgument(`module ${digest}: cannot read ${path}: ${messageOf(err)}`);
    }
    const actual = fromBytes(bytes);
    if (actual !== digest) throw invalidArgument(`module ${digest}: file ${path} hashes to ${actual}`);
    if (isComponent(bytes)) {
      throw invalidArgument(`module ${digest}: is a Wasm component; node:wasi runs core modules (WASI preview1) only`);
    }
    const { module, pooledMemory } = await compileModule(bytes, digest);
    const exports = WebAssembly.Module.exports(module);
    if (!exports.some((e) => e.name === '_start' && e.kind === 'function')) {
      throw invalidArgument(`module ${digest}: no exported function _start (not a WASI command)`);
    }
    if (!exports.some((e) => e.name === 'memory' && e.kind === 'memory')) {
      throw invalidArgument(`module ${digest}: no exported memory (required by WASI)`);
    }
    const ours = (i: WebAssembly.ModuleImportDescriptor) => pooledMemory !== undefined && i.module === POOLED_MEMORY_MODULE && i.kind === 'memory';
    const foreign = WebAssembly.Module.imports(module).find((i) => !WASI_MODULES.has(i.module) && !ours(i));
    if (foreign) throw invalidArgument(`module ${digest}: imports ${foreign.module}.${foreign.name}, which WASI preview1 does not provide`);
    return pooledMemory ? { key, module, pooledMemory } : { key, module };
  }
}
