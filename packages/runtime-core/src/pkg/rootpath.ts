// Paths inside an unpacked rootfs, resolved on the host without leaving it.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { invalidArgument } from '../errdefs/errdefs.js';

// The entrypoint must resolve (symlinks included) to a file inside the rootfs.
export async function resolveInRoot(root: string, entry: string, where: string): Promise<string> {
  const realRoot = await realpath(root);
  const candidate = path.join(realRoot, path.posix.normalize(`/${entry}`));
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw invalidArgument(`${where}: entrypoint ${JSON.stringify(entry)} does not exist in the image rootfs`);
  }
  if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`)) {
    throw invalidArgument(`${where}: entrypoint ${JSON.stringify(entry)} resolves outside the image rootfs`);
  }
  return real;
}
