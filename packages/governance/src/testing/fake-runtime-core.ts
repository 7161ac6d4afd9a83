import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/config';

// A throwaway git repository holding a tiny package shaped like runtime-core (same name, same
// dist/cmd/runtime-core.js CLI with `smoke` and `bench` printing their JSON summaries), so the
// qualification pipeline runs every real step (export, tsc build, npm pack, install, smoke, bench)
// in seconds. Its node_modules links the workspace's, as a checkout with installed dependencies.

const TSCONFIG = {
  compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, skipLibCheck: true, types: ['node'], outDir: 'dist', rootDir: 'src' },
  include: ['src'],
};

function cli(tasksPerSecond: number): string {
  return `const command = process.argv[2];
const TASKS_PER_SECOND = ${tasksPerSecond};
if (command === 'smoke') console.log(JSON.stringify({ ok: true, cases: [{ name: 'hello', ok: true }] }));
else if (command === 'bench') console.log(JSON.stringify({ tasksPerSecond: TASKS_PER_SECOND }));
else {
  console.error(\`unknown command \${command}\`);
  process.exitCode = 2;
}
`;
}

export interface FakeRuntimeCoreRepository {
  root: string;
  packageDir: string;
  git(...args: string[]): string;
  /** Writes the engine with this benchmark figure and commits it under `tag`. */
  commitEngine(tag: string, tasksPerSecond: number): string;
  /** Changes the engine in the working tree without committing. */
  editEngine(tasksPerSecond: number): void;
  remove(): void;
}

export function createFakeRuntimeCoreRepository(): FakeRuntimeCoreRepository {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-fake-engine-'));
  const packageDir = path.join(root, 'packages', 'runtime-core');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' } });
  git('init', '--quiet', '--initial-branch=main');
  fs.mkdirSync(path.join(packageDir, 'src', 'cmd'), { recursive: true });
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\ndist/\n');
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name: 'runtime-core', version: '0.0.1', type: 'module', bin: { 'runtime-core': './dist/cmd/runtime-core.js' }, files: ['dist'] }, null, 2));
  fs.writeFileSync(path.join(packageDir, 'tsconfig.build.json'), JSON.stringify(TSCONFIG, null, 2));
  const editEngine = (tasksPerSecond: number) => fs.writeFileSync(path.join(packageDir, 'src', 'cmd', 'runtime-core.ts'), cli(tasksPerSecond));
  return {
    root,
    packageDir,
    git,
    editEngine,
    commitEngine(tag, tasksPerSecond) {
      editEngine(tasksPerSecond);
      git('add', '-A');
      git('commit', '--quiet', '-m', `engine at ${tasksPerSecond} tasks/s`);
      git('tag', tag);
      return git('rev-parse', 'HEAD').trim();
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
