// What a WASI preview1 command module must be for node:wasi to run it: a core module (not a
// component), exporting `_start` and `memory`, importing nothing but wasi_snapshot_preview1.
// Checked when an image is imported and again when a shim compiles the module.
import { invalidArgument } from '../errdefs/errdefs.js';

export const WASI_PREVIEW1 = 'wasi_snapshot_preview1';
// WASI "preview 0": the same calls with some different layouts; node:wasi does not provide it.
const WASI_UNSTABLE = 'wasi_unstable';
export const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export function isWasm(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && WASM_MAGIC.every((b, i) => bytes[i] === b);
}

export function isComponent(bytes: Uint8Array): boolean {
  // Component binaries share the magic but carry layer 1 in bytes 6..7.
  return isWasm(bytes) && bytes[6] === 1 && bytes[7] === 0;
}

// `allowed` names extra import modules the caller itself provides (the shim's pooled memory).
export function checkCommandModule(module: WebAssembly.Module, where: string, allowed: (i: WebAssembly.ModuleImportDescriptor) => boolean = () => false): void {
  const exports = WebAssembly.Module.exports(module);
  if (!exports.some((e) => e.name === '_start' && e.kind === 'function')) {
    throw invalidArgument(`${where}: no exported function _start (not a WASI command)`);
  }
  if (!exports.some((e) => e.name === 'memory' && e.kind === 'memory')) {
    throw invalidArgument(`${where}: no exported memory (required by WASI)`);
  }
  for (const i of WebAssembly.Module.imports(module)) {
    if (i.module === WASI_PREVIEW1 || allowed(i)) continue;
    if (i.module === WASI_UNSTABLE) {
      throw invalidArgument(
        `${where}: imports ${WASI_UNSTABLE}.${i.name}: "${WASI_UNSTABLE}" is WASI preview 0, which node:wasi does not run; rebuild the module for wasm32-wasip1 (${WASI_PREVIEW1})`,
      );
    }
    throw invalidArgument(`${where}: imports ${i.module}.${i.name}, which WASI preview1 does not provide`);
  }
}

// Validates and compiles bytes as a WASI command module (the import-time check).
export async function checkCommandBytes(bytes: Uint8Array, where: string): Promise<void> {
  if (isComponent(bytes)) return; // imported, refused at run (node:wasi runs core modules only)
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(new Uint8Array(bytes));
  } catch (err) {
    throw invalidArgument(`${where}: invalid Wasm: ${(err as Error).message}`);
  }
  checkCommandModule(module, where);
}
