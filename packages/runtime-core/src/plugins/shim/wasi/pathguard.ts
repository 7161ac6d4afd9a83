// Confines a task's path calls to its preopened directories, which node:wasi does not do:
// it joins the guest path to the directory's host path and lets the host kernel resolve the
// result, so a symlink the guest made (`x -> ../../../etc`) or found is followed out of the
// sandbox whenever the call does not itself ask to follow links (path_open without
// SYMLINK_FOLLOW, any intermediate component). Node documents node:wasi as not secure against
// untrusted code; this is part of what runtime-core adds around it.
//
// Each path call is checked here first, the way the host kernel will resolve it (after
// node:wasi's own lexical clean-up of `..`): component by component with lstat, as openat2's
// RESOLVE_BENEATH would, every symlink on the way (relative ones only; node:wasi itself refuses
// absolute targets when it follows) must stay inside the directory of the fd the path is
// relative to. A path_open that does not ask to follow links fails on a final symlink (ELOOP,
// as O_NOFOLLOW would), since the host would follow it. The guest alone changes its
// directories and is single-threaded, so nothing moves between the check and the call.
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

type Fn = (...args: never[]) => unknown;
type Imports = Record<string, Fn>;
type Orig = Record<string, (...a: unknown[]) => number>;

const ERRNO_SUCCESS = 0;
const ERRNO_LOOP = 32;
const ERRNO_NOTCAPABLE = 76;
const LOOKUP_SYMLINK_FOLLOW = 1;
const MAX_SYMLINKS = 40;

interface Checked {
  finalIsLink: boolean;
  // The path with its symlinks resolved, when it had any.
  resolved?: string;
}

class Refused {
  constructor(readonly errno: number) {}
}

export class PathGuard {
  // WASI fd -> host path of the directory it is open on (preopens from 3, in order, and the
  // directories path_open returned).
  private readonly dirs = new Map<number, string>();

  constructor(preopens: Record<string, string>) {
    Object.values(preopens).forEach((host, i) => this.dirs.set(3 + i, path.resolve(host)));
  }

  // Checks guest (relative to fd's directory) as the host kernel will resolve it, following the
  // final component when `followFinal`; throws Refused when that would leave the directory.
  // Undefined when node:wasi answers by itself: an fd that is not a tracked directory, or a path
  // it refuses lexically (absolute, or `..` above the directory).
  check(fd: number, guest: string, followFinal: boolean): Checked | undefined {
    const root = this.dirs.get(fd);
    if (root === undefined || guest.includes('\0')) return undefined;
    const normal = path.posix.normalize(guest);
    if (normal.startsWith('/') || normal === '..' || normal.startsWith('../')) return undefined;
    const followLast = followFinal || normal.endsWith('/');
    const todo = normal.split('/').filter((c) => c !== '' && c !== '.');
    const cur: string[] = [];
    let links = 0;
    let finalIsLink = false;
    while (todo.length > 0) {
      const c = todo.shift()!;
      if (c === '..') {
        if (cur.length === 0) throw new Refused(ERRNO_NOTCAPABLE);
        cur.pop();
        continue;
      }
      const isFinal = todo.length === 0;
      const here = path.join(root, ...cur, c);
      let target: string | undefined;
      try {
        if (lstatSync(here).isSymbolicLink()) target = readlinkSync(here);
      } catch {
        // Missing (or unreadable): nothing to follow; node:wasi reports what it finds.
      }
      if (target === undefined || (isFinal && !followLast)) {
        cur.push(c);
        finalIsLink = isFinal && target !== undefined;
        continue;
      }
      if (++links > MAX_SYMLINKS) throw new Refused(ERRNO_LOOP);
      if (target.startsWith('/')) throw new Refused(ERRNO_NOTCAPABLE);
      todo.unshift(...target.split('/').filter((t) => t !== '' && t !== '.'));
    }
    return { finalIsLink, ...(links > 0 ? { resolved: cur.length === 0 ? '.' : cur.join('/') } : {}) };
  }

  // The WASI import module with its path calls confined; memory is read when the instance calls.
  wrap(wasiImport: Imports, memory: () => WebAssembly.Memory): Imports {
    const orig = wasiImport as unknown as Orig;
    const dec = new TextDecoder();
    const read = (ptr: number, len: number): string | undefined => {
      const buf = memory().buffer;
      return ptr + len > buf.byteLength ? undefined : dec.decode(new Uint8Array(buf, ptr, len));
    };
    const guarded = (fn: (...args: number[]) => number) =>
      ((...args: number[]) => {
        try {
          return fn(...args);
        } catch (e) {
          if (e instanceof Refused) return e.errno;
          throw e;
        }
      }) as Fn;
    // A call with one path (fd at fdAt, pointer and length at ptrAt); the host follows its final
    // component when follows(args) says so.
    const one = (name: string, follows: (a: number[]) => boolean, fdAt = 0, ptrAt = 1) =>
      guarded((...a) => {
        const p = read(a[ptrAt]!, a[ptrAt + 1]!);
        if (p !== undefined) this.check(a[fdAt]!, p, follows(a));
        return orig[name]!(...a);
      });
    const flagFollows = (a: number[]) => (a[1]! & LOOKUP_SYMLINK_FOLLOW) !== 0;
    // node:wasi mis-resolves some relative links it is asked to follow (a link to "file.txt" in
    // a directory preopened under a name gives ENOENT): a followed path whose links were resolved
    // here goes to it resolved, without the follow flag, in the guest's own buffer for the
    // call (restored after) when it fits there.
    const callResolved = (r: Checked | undefined, a: number[], flagsAt: number, ptrAt: number, call: (a: number[]) => number): number => {
      const bytes = r?.resolved === undefined ? undefined : new TextEncoder().encode(r.resolved);
      if (!bytes || bytes.length > a[ptrAt + 1]!) return call(a);
      const mem = new Uint8Array(memory().buffer);
      const saved = mem.slice(a[ptrAt]!, a[ptrAt]! + a[ptrAt + 1]!);
      mem.set(bytes, a[ptrAt]!);
      const b = [...a];
      b[flagsAt] = b[flagsAt]! & ~LOOKUP_SYMLINK_FOLLOW;
      b[ptrAt + 1] = bytes.length;
      try {
        return call(b);
      } finally {
        new Uint8Array(memory().buffer).set(saved, a[ptrAt]!);
      }
    };
    const never = () => false;
    return {
      ...wasiImport,
      path_create_directory: one('path_create_directory', never),
      path_remove_directory: one('path_remove_directory', never),
      path_unlink_file: one('path_unlink_file', never),
      path_readlink: one('path_readlink', never),
      path_filestat_get: guarded((...a) => {
        const p = read(a[2]!, a[3]!);
        const r = p === undefined ? undefined : this.check(a[0]!, p, flagFollows(a));
        return flagFollows(a) ? callResolved(r, a, 1, 2, (b) => orig.path_filestat_get!(...b)) : orig.path_filestat_get!(...a);
      }),
      // The link's own location is checked; its target is text, checked whenever it is followed.
      path_symlink: one('path_symlink', never, 2, 3),
      path_filestat_set_times: guarded((...a) => {
        const p = read(a[2]!, a[3]!);
        // The host sets the times of what a final link points to even when not asked to follow.
        if (p !== undefined && this.check(a[0]!, p, flagFollows(a))?.finalIsLink && !flagFollows(a)) return ERRNO_NOTCAPABLE;
        return orig.path_filestat_set_times!(...a);
      }),
      path_open: guarded((...a) => {
        const [fd, dirflags, ptr, len] = a as [number, number, number, number];
        const follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) !== 0;
        const p = read(ptr, len);
        const r = p === undefined ? undefined : this.check(fd, p, follow);
        // Not following: a final symlink fails, as with O_NOFOLLOW (the host would follow it).
        if (r?.finalIsLink && !follow) return ERRNO_LOOP;
        const errno = follow ? callResolved(r, a, 1, 2, (b) => orig.path_open!(...b)) : orig.path_open!(...a);
        if (errno === ERRNO_SUCCESS && r) this.track(new DataView(memory().buffer).getUint32(a[8]!, true), fd, p!);
        return errno;
      }),
      path_link: guarded((...a) => {
        const [oldFd, oldFlags, oldPtr, oldLen, newFd, newPtr, newLen] = a as number[];
        const from = read(oldPtr!, oldLen!);
        const to = read(newPtr!, newLen!);
        if (from !== undefined) this.check(oldFd!, from, (oldFlags! & LOOKUP_SYMLINK_FOLLOW) !== 0);
        if (to !== undefined) this.check(newFd!, to, false);
        return orig.path_link!(...a);
      }),
      path_rename: guarded((...a) => {
        const [oldFd, oldPtr, oldLen, newFd, newPtr, newLen] = a as number[];
        const from = read(oldPtr!, oldLen!);
        const to = read(newPtr!, newLen!);
        if (from !== undefined) this.check(oldFd!, from, false);
        if (to !== undefined) this.check(newFd!, to, false);
        return orig.path_rename!(...a);
      }),
      fd_renumber: ((from: number, to: number) => {
        const r = orig.fd_renumber!(from, to);
        if (r !== ERRNO_SUCCESS) return r;
        const dir = this.dirs.get(from);
        this.dirs.delete(from);
        if (dir === undefined) this.dirs.delete(to);
        else this.dirs.set(to, dir);
        return r;
      }) as Fn,
      fd_close: ((fd: number) => {
        const r = orig.fd_close!(fd);
        if (r === ERRNO_SUCCESS) this.dirs.delete(fd);
        return r;
      }) as Fn,
    };
  }

  // A directory path_open returned becomes a base for later path calls.
  private track(opened: number, fd: number, guest: string): void {
    const host = path.join(this.dirs.get(fd)!, path.posix.normalize(guest));
    try {
      if (statSync(host).isDirectory()) {
        this.dirs.set(opened, realpathSync(host));
        return;
      }
    } catch {
      // gone already
    }
    this.dirs.delete(opened);
  }
}
