// Pooled linear memories, as wasmtime's pooling allocator does: a fresh Wasm memory per
// instance means mapping, faulting in and unmapping pages for every task, and on this kind of
// (virtualised) machine page-table work is most of an instance's cost and does not scale across
// cores. So the module cache rewrites a module's own memory into an import, and each worker
// hands every instance a memory from its pool, zeroed and at its initial size, which the
// instance cannot tell from a fresh one.

// The import a rewritten module takes its memory from; no WASI module uses this namespace.
export const POOLED_MEMORY_MODULE = 'runtime-core:pooled';
export const POOLED_MEMORY_NAME = 'memory';
const WASM_PAGE = 64 * 1024;
// Zeroing costs about 10 µs per MiB here; bigger memories are cheaper to allocate lazily.
export const POOLED_MEMORY_MAX_BYTES = 4 * 1024 * 1024;
// A worker runs one instance at a time, so one idle memory per memory type is enough.
const POOL_TYPES_MAX = 16;

export interface MemoryType {
  initial: number; // pages
  maximum?: number; // pages
}

const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const EXTERNAL_MEMORY = 2;
const LIMITS_MIN = 0x00;
const LIMITS_MIN_MAX = 0x01;

class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {}

  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.at >= this.bytes.length) throw new RangeError('truncated LEB128');
      const b = this.bytes[this.at++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
    throw new RangeError('LEB128 too long');
  }
}

function u32Bytes(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const nameBytes = (s: string) => {
  const utf8 = Buffer.from(s, 'utf8');
  return [...u32Bytes(utf8.length), ...utf8];
};

export interface Section {
  id: number;
  body: Uint8Array;
}

// The sections of a module binary, in file order; throws on bytes it cannot split.
export function wasmSections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  const r = new Reader(bytes, 8);
  while (r.at < bytes.length) {
    const id = bytes[r.at++]!;
    const size = r.u32();
    if (r.at + size > bytes.length) throw new RangeError(`section ${id} runs past the end`);
    out.push({ id, body: bytes.subarray(r.at, r.at + size) });
    r.at += size;
  }
  return out;
}

function readMemoryType(r: Reader): MemoryType | undefined {
  const flags = r.u32();
  // Shared (threads) and 64-bit memories keep their own allocation.
  if (flags !== LIMITS_MIN && flags !== LIMITS_MIN_MAX) return undefined;
  const initial = r.u32();
  return flags === LIMITS_MIN_MAX ? { initial, maximum: r.u32() } : { initial };
}

// Walks the import entries; true if one is a memory.
function importsMemory(r: Reader, count: number): boolean {
  for (let i = 0; i < count; i++) {
    for (let name = 0; name < 2; name++) {
      const length = r.u32();
      r.at += length;
    }
    const kind = r.bytes[r.at++];
    switch (kind) {
      case 0: // function: type index
        r.u32();
        break;
      case 1: {
        // table: reference type, limits
        r.at++;
        const flags = r.u32();
        r.u32();
        if (flags & 1) r.u32();
        break;
      }
      case EXTERNAL_MEMORY:
        return true;
      case 3: // global: value type, mutability
        r.at += 2;
        break;
      case 4: // tag: attribute, type index
        r.at++;
        r.u32();
        break;
      default:
        throw new RangeError(`unknown import kind ${kind}`);
    }
  }
  return false;
}

// The module with its one defined memory turned into an import of POOLED_MEMORY_MODULE, or
// undefined when that does not apply (no memory, several, an imported one, shared, 64-bit,
// too big to zero cheaply, or bytes this reader cannot split: V8 then reports on the original).
// Index spaces are unchanged: with no imported memory, the import becomes memory 0.
export function importDefinedMemory(bytes: Uint8Array): { bytes: Uint8Array<ArrayBuffer>; memory: MemoryType } | undefined {
  try {
    const all = wasmSections(bytes);
    const memorySection = all.find((s) => s.id === SECTION_MEMORY);
    if (!memorySection) return undefined;
    const r = new Reader(memorySection.body);
    if (r.u32() !== 1) return undefined;
    const limitsAt = r.at;
    const memory = readMemoryType(r);
    if (!memory || r.at !== memorySection.body.length || memory.initial * WASM_PAGE > POOLED_MEMORY_MAX_BYTES) return undefined;
    const entry = [...nameBytes(POOLED_MEMORY_MODULE), ...nameBytes(POOLED_MEMORY_NAME), EXTERNAL_MEMORY, ...memorySection.body.subarray(limitsAt)];
    const importSection = all.find((s) => s.id === SECTION_IMPORT);
    if (importSection) {
      const ir = new Reader(importSection.body);
      const count = ir.u32();
      const entriesAt = ir.at;
      if (importsMemory(ir, count)) return undefined;
      importSection.body = Uint8Array.from([...u32Bytes(count + 1), ...importSection.body.subarray(entriesAt), ...entry]);
    } else {
      // Every section that may follow the import section has a higher id; custom sections (0)
      // and the type section (1) come before it.
      const at = all.findIndex((s) => s.id > SECTION_IMPORT);
      all.splice(at === -1 ? all.length : at, 0, { id: SECTION_IMPORT, body: Uint8Array.from([1, ...entry]) });
    }
    const parts: Uint8Array[] = [bytes.subarray(0, 8)];
    for (const s of all) if (s.id !== SECTION_MEMORY) parts.push(Uint8Array.from([s.id, ...u32Bytes(s.body.length)]), s.body);
    return { bytes: Buffer.concat(parts), memory };
  } catch {
    return undefined;
  }
}

// The initial size, in bytes, of the memory a module defines (its first), or undefined when
// it defines none or the bytes cannot be split (V8 reports on those).
export function definedMemoryBytes(bytes: Uint8Array): number | undefined {
  try {
    const section = wasmSections(bytes).find((s) => s.id === SECTION_MEMORY);
    if (!section) return undefined;
    const r = new Reader(section.body);
    if (r.u32() === 0) return undefined;
    const flags = r.u32();
    if (flags > 3) return undefined; // 64-bit memories: V8 applies its own limits
    return r.u32() * WASM_PAGE;
  } catch {
    return undefined;
  }
}

// One worker's idle memories, by memory type.
export class MemoryPool {
  private readonly idle = new Map<string, WebAssembly.Memory>();

  private static key(t: MemoryType): string {
    return `${t.initial}:${t.maximum ?? ''}`;
  }

  take(t: MemoryType): WebAssembly.Memory {
    const key = MemoryPool.key(t);
    const memory = this.idle.get(key);
    if (!memory) return new WebAssembly.Memory(t.maximum === undefined ? { initial: t.initial } : { initial: t.initial, maximum: t.maximum });
    this.idle.delete(key);
    return memory;
  }

  // After the instance is done with it: a memory that grew cannot shrink back, so it is left
  // to the garbage collector; otherwise it is zeroed, so no task sees another's data.
  give(t: MemoryType, memory: WebAssembly.Memory): void {
    if (memory.buffer.byteLength !== t.initial * WASM_PAGE) return;
    new Uint8Array(memory.buffer).fill(0);
    if (this.idle.size >= POOL_TYPES_MAX) this.idle.delete(this.idle.keys().next().value!);
    this.idle.set(MemoryPool.key(t), memory);
  }
}
