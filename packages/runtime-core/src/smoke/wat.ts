// wat -> wasm with the wabt package (a runtime dependency, so the installed package can
// build its smoke modules without a toolchain).
import wabtInit from 'wabt';

let wabt: ReturnType<typeof wabtInit> | undefined;

export async function wat2wasm(name: string, source: string): Promise<Uint8Array> {
  wabt ??= wabtInit();
  const w = await wabt;
  const mod = w.parseWat(`${name}.wat`, source, {});
  try {
    mod.resolveNames();
    mod.validate();
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}
