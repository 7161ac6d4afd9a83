// Precompiled-module cache: a module is read, checked against its digest, validated and
// compiled once per shim process, keyed by digest and engine (V8) version. A compiled
// WebAssembly.Module can be posted to worker threads but not serialised to disk on Node 20,
// so the cache lives in memory; a new shim process compiles again, once.
import { readFile } from 'node:fs/promises';
import { fromBytes, type Digest } from '../../../digest/digest.js';
import { invalidArgument, messageOf } from '../../../errdefs/errdefs.js';
import { checkCommandModule, isComponent } from '../../../specs/wasi.js';
import { definedMemoryBytes, importDefinedMemory, POOLED_MEMORY_MODULE, type MemoryType } from './memory_pool.js';

const MIB = 1024 * 1024;
const mibText = (bytes: number) => `${Math.round((bytes / MIB) * 100) / 100} MiB`;

export const ENGINE = `v8-${process.versions.v8}`;

export interface CompiledModule {
  key: string;
  module: WebAssembly.Module;
  // Set when the module's memory was turned into an import served by the worker's MemoryPool.
  pooledMemory?: MemoryType;
  // The WASI calls the module imports that runtime-core wraps: instances of modules that
  // import none of them get node:wasi's import object as it is.
  polls?: boolean;
  usesPaths?: boolean;
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

  // memoryLimitMiB: the shim process's Wasm memory limit, when it has one.
  constructor(private readonly memoryLimitMiB?: number) {}

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
    const initial = definedMemoryBytes(bytes);
    if (this.memoryLimitMiB !== undefined && initial !== undefined && initial > this.memoryLimitMiB * MIB) {
      throw invalidArgument(
        `module ${digest}: its initial memory (${mibText(initial)}) is over the shim's memory limit of ${this.memoryLimitMiB} MiB (memoryLimitMiB in the io.containerd.shim.v1.wasi config)`,
      );
    }
    const { module, pooledMemory } = await compileModule(bytes, digest);
    const ours = (i: WebAssembly.ModuleImportDescriptor) => pooledMemory !== undefined && i.module === POOLED_MEMORY_MODULE && i.kind === 'memory';
    checkCommandModule(module, `module ${digest}`, ours);
    const names = new Set(WebAssembly.Module.imports(module).map((i) => i.name));
    return {
      key,
      module,
      ...(pooledMemory ? { pooledMemory } : {}),
      ...(names.has('poll_oneoff') ? { polls: true } : {}),
      ...([...names].some((n) => n.startsWith('path_')) ? { usesPaths: true } : {}),
    };
  }
}
