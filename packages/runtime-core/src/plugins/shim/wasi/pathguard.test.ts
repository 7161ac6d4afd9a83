import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../../../testsuite/fixtures.js';
import { PathGuard } from './pathguard.js';

let dir: string;
let cleanup: () => Promise<void>;
let guard: PathGuard;
beforeAll(async () => {
  ({ dir, cleanup } = await scratch());
  const root = path.join(dir, 'root');
  await mkdir(path.join(root, 'a/b'), { recursive: true });
  await writeFile(path.join(root, 'a/b/file'), 'x');
  await symlink('b/file', path.join(root, 'a/inside'));
  await symlink('../..', path.join(root, 'a/b/up2'));
  await symlink('../../..', path.join(root, 'a/b/up3'));
  await symlink('/etc', path.join(root, 'abs'));
  await symlink('loop', path.join(root, 'loop'));
  guard = new PathGuard({ '/': root });
});
afterAll(() => cleanup());

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { errno: number }).errno;
  }
  return 'allowed';
};

describe('path guard', () => {
  it('allows paths and links that stay inside the directory', () => {
    expect(guard.check(3, 'a/b/file', false)).toEqual({ finalIsLink: false });
    expect(guard.check(3, 'a/inside', true)).toEqual({ finalIsLink: false, resolved: 'a/b/file' });
    expect(guard.check(3, 'a/inside', false)).toEqual({ finalIsLink: true });
    expect(guard.check(3, 'a/b/up2/a/b/file', false)).toEqual({ finalIsLink: false, resolved: 'a/b/file' });
    expect(guard.check(3, 'new/dir/not/there', false)).toEqual({ finalIsLink: false });
  });

  it('refuses links that lead out, intermediate or followed, and loops', () => {
    expect(refused(() => guard.check(3, 'a/b/up3/etc/passwd', false))).toBe(76);
    expect(refused(() => guard.check(3, 'a/b/up3', true))).toBe(76);
    expect(refused(() => guard.check(3, 'abs/passwd', false))).toBe(76);
    expect(refused(() => guard.check(3, 'abs/', false))).toBe(76); // a trailing slash follows
    expect(refused(() => guard.check(3, 'loop', true))).toBe(32);
    // Unfollowed final links are the call's own business (lstat, unlink, readlink...).
    expect(guard.check(3, 'a/b/up3', false)).toEqual({ finalIsLink: true });
  });

  it('leaves what node:wasi refuses by itself, and fds it does not know, to node:wasi', () => {
    expect(guard.check(3, '/etc/passwd', false)).toBeUndefined();
    expect(guard.check(3, '../x', false)).toBeUndefined();
    expect(guard.check(9, 'a', false)).toBeUndefined();
  });
});
