// Checks of a new task's options that must pass before anything is reserved or created, and
// the merging of the image's environment with the caller's.
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fromBytes, type Digest } from '../digest/digest.js';
import { invalidArgument, notFound, toRuntimeError } from '../errdefs/errdefs.js';
import { isWasm } from '../specs/wasi.js';

export interface DirOption {
  host: string;
  guest: string;
}

export function checkEnv(env: readonly string[]): void {
  for (const kv of env) if (kv.indexOf('=') <= 0) throw invalidArgument(`env entry ${JSON.stringify(kv)}: want KEY=VALUE`);
}

// The image's Env with the caller's entries over it: a KEY given again replaces the image's
// (in place), new keys are appended; `replace` drops the image's Env altogether.
export function mergeEnv(image: readonly string[], given: readonly string[], replace: boolean): string[] {
  if (replace) return [...given];
  const out = [...image];
  const at = new Map(out.map((kv, i) => [kv.slice(0, kv.indexOf('=')), i]));
  for (const kv of given) {
    const key = kv.slice(0, kv.indexOf('='));
    const i = at.get(key);
    if (i === undefined) at.set(key, out.push(kv) - 1);
    else out[i] = kv;
  }
  return out;
}

export async function checkDirs(dirs: readonly DirOption[], rootfsAtSlash: boolean): Promise<DirOption[]> {
  const guests = new Set<string>(rootfsAtSlash ? ['/'] : []);
  const out: DirOption[] = [];
  for (const d of dirs) {
    const host = path.resolve(d.host);
    const st = await stat(host).catch((err: unknown) => {
      throw toRuntimeError(err);
    });
    if (!st.isDirectory()) throw invalidArgument(`--dir ${d.host}: not a directory`);
    if (!d.guest) throw invalidArgument(`--dir ${d.host}: empty guest path`);
    if (guests.has(d.guest)) {
      throw invalidArgument(`--dir ${d.host}: guest path ${JSON.stringify(d.guest)} is already preopened${d.guest === '/' && rootfsAtSlash ? ' (the image rootfs)' : ''}`);
    }
    guests.add(d.guest);
    out.push({ host, guest: d.guest });
  }
  return out;
}

export async function checkStdin(file: string): Promise<string> {
  const abs = path.resolve(file);
  await access(abs, constants.R_OK).catch((err: unknown) => {
    throw toRuntimeError(err);
  });
  if ((await stat(abs)).isDirectory()) throw invalidArgument(`stdin ${file}: is a directory`);
  return abs;
}

// A plain module file run without an image: its bytes' digest, which the shim checks again.
export async function moduleFileSpec(file: string): Promise<{ path: string; digest: Digest }> {
  const abs = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`module file ${abs}: no such file`);
    throw toRuntimeError(err);
  }
  if (!isWasm(bytes)) throw invalidArgument(`module file ${abs}: not a WebAssembly binary (no \\0asm header)`);
  return { path: abs, digest: fromBytes(bytes) };
}
