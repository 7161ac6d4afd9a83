import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../db/config';
import { failedPrecondition, invalidArgument } from '../errors';

// What a qualification builds, named: the git commit of the repository holding runtime-core,
// whether runtime-core's files differed from it, and a digest of those files (path and content
// of each), so "same source" is a fact rather than a guess from commit ids. A named ref is
// exported with `git archive` into the run's own staging directory: the working tree, its index
// and its checked-out branch are never touched.

export const RUNTIME_CORE_DIR = path.join(PROJECT_ROOT, 'packages', 'runtime-core');

const run = promisify(execFile);

export interface SourceProvenance {
  /** The commit built (or HEAD of the working tree); null outside git. */
  commit: string | null;
  /** runtime-core's files differed from `commit`; null outside git. */
  dirty: boolean | null;
  sourceDigest: string;
  sourceFiles: number;
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The git repository holding `dir` and `dir`'s path inside it; null when `dir` is not tracked by git (no repository, or an ignored directory). */
export async function gitRepositoryOf(dir: string): Promise<{ root: string; packagePath: string } | null> {
  let root: string;
  try {
    root = (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return null;
  }
  const packagePath = path.relative(fs.realpathSync(root), fs.realpathSync(dir)).split(path.sep).join('/');
  try {
    await git(root, ['check-ignore', '-q', '--', packagePath || '.']);
    return null; // ignored: a scratch copy, not source git can name
  } catch {
    return { root, packagePath };
  }
}

/** sha256 over the sorted (path, sha256 of content) pairs; a listed file that is missing counts as deleted. */
export function digestFiles(dir: string, files: readonly string[]): { sourceDigest: string; sourceFiles: number } {
  const unique = [...new Set(files)].sort();
  const hash = createHash('sha256');
  let present = 0;
  for (const file of unique) {
    const full = path.join(dir, file);
    let content: string;
    try {
      content = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      present++;
    } catch {
      content = 'deleted';
    }
    hash.update(`${file}\0${content}\n`);
  }
  return { sourceDigest: `sha256:${hash.digest('hex')}`, sourceFiles: present };
}

/** Outside git: every file but dependencies, build output and dot files. */
function walk(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') return [];
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return walk(dir, relative);
    return entry.isFile() ? [relative] : [];
  });
}

const splitZ = (text: string) => text.split('\0').filter(Boolean);

/** The working tree as it is: HEAD, whether runtime-core differs from it, and the digest of the files git sees (tracked, and untracked but not ignored). */
export async function describeWorkingTree(packageDir: string): Promise<SourceProvenance> {
  const repository = await gitRepositoryOf(packageDir);
  if (!repository) return { commit: null, dirty: null, ...digestFiles(packageDir, walk(packageDir)) };
  const commit = await git(packageDir, ['rev-parse', '--verify', '--quiet', 'HEAD']).then((out) => out.trim() || null, () => null);
  const files = splitZ(await git(packageDir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.']));
  const status = await git(packageDir, ['status', '--porcelain', '-z', '--untracked-files=all', '--', '.']);
  return { commit, dirty: status.length > 0, ...digestFiles(packageDir, files) };
}

const REF = /^(?!-)[A-Za-z0-9._/@+~^-]{1,200}$/;

/** Resolves a tag, branch or commit of the repository holding runtime-core; refuses anything else with a message naming it. */
export async function resolveRef(packageDir: string, ref: string): Promise<string> {
  if (!REF.test(ref) || ref.includes('..')) throw invalidArgument(`ref: "${ref}" is not a git tag, branch or commit name`, { field: 'ref' });
  const repository = await gitRepositoryOf(packageDir);
  if (!repository) throw failedPrecondition(`ref: building a named ref needs runtime-core in a git repository, and ${path.relative(PROJECT_ROOT, packageDir) || '.'} is not in one`, { field: 'ref' });
  const commit = await git(repository.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).then((out) => out.trim(), () => '');
  if (!commit) throw invalidArgument(`ref: "${ref}" is not a tag, branch or commit of the repository holding runtime-core`, { field: 'ref' });
  const tree = await git(repository.root, ['ls-tree', '--name-only', commit, '--', repository.packagePath || '.']);
  if (repository.packagePath && !tree.trim()) throw invalidArgument(`ref: ${ref} (${commit.slice(0, 12)}) has no ${repository.packagePath}`, { field: 'ref' });
  return commit;
}

/**
 * Exports `commit` of the repository holding `packageDir` into `into` (git archive + tar) and
 * links the repository's installed dependencies beside it, so the build resolves its tools as in
 * the workspace. Returns the package directory inside the export and the provenance of what it holds.
 */
export async function exportCommit(packageDir: string, commit: string, into: string): Promise<{ packageDir: string; provenance: SourceProvenance }> {
  const repository = await gitRepositoryOf(packageDir);
  if (!repository) throw failedPrecondition(`${packageDir} is not in a git repository`);
  fs.mkdirSync(into, { recursive: true });
  const archive = `${into}.tar`;
  await git(repository.root, ['archive', '--format=tar', '-o', archive, commit]);
  try {
    await run('tar', ['-xf', archive, '-C', into]);
  } finally {
    fs.rmSync(archive, { force: true });
  }
  const modules = path.join(repository.root, 'node_modules');
  if (fs.existsSync(modules) && !fs.existsSync(path.join(into, 'node_modules'))) fs.symlinkSync(modules, path.join(into, 'node_modules'), 'dir');
  const listed = splitZ(await git(repository.root, ['ls-tree', '-r', '-z', '--name-only', commit, '--', repository.packagePath || '.']));
  const prefix = repository.packagePath ? `${repository.packagePath}/` : '';
  const exported = path.join(into, repository.packagePath);
  return {
    packageDir: exported,
    provenance: { commit, dirty: false, ...digestFiles(exported, listed.map((file) => file.slice(prefix.length))) },
  };
}
