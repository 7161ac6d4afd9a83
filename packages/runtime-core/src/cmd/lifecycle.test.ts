// The CLI as a containerd or runwasi user drives it: several processes on one root, killed
// runs, duplicate ids, kept tasks, events, stdin, extra directories, plain module files.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeArgsFor, siblingEntry } from '../pkg/entry.js';
import { rootfsImage, writeLayout } from '../smoke/ocibuild.js';
import type { ModuleName } from '../smoke/modules.js';
import { scratch, wasmOf } from '../testsuite/fixtures.js';

const entry = siblingEntry(import.meta.url, 'runtime-core');

let dir: string;
let cleanup: () => Promise<void>;
const wasm = (name: ModuleName) => path.join(dir, `${name}.wasm`);

beforeAll(async () => {
  ({ dir, cleanup } = await scratch());
  for (const name of ['hello', 'exitCode', 'spin', 'env', 'args', 'cat', 'stdin'] as const) await writeFile(wasm(name), await wasmOf(name));
});
afterAll(() => cleanup());

interface Running {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  // Resolves once a stream holds text matching re.
  waitFor(stream: 'stdout' | 'stderr', re: RegExp): Promise<void>;
  done: Promise<number>;
}

function start(args: string[], input?: string): Running {
  const child = spawn(process.execPath, [...nodeArgsFor(entry), entry.file, '--root', path.join(dir, 'root'), '--state', path.join(dir, 'state'), ...args]);
  const r: Running = {
    child,
    stdout: '',
    stderr: '',
    waitFor: (stream, re) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(r[stream])) {
            child[stream]!.off('data', check);
            resolve();
          }
        };
        child[stream]!.on('data', check);
        child.once('close', () => (re.test(r[stream]) ? resolve() : reject(new Error(`exited without ${re} on ${stream}: ${r.stdout} ${r.stderr}`))));
        check();
      }),
    done: new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : -1)))),
  };
  child.stdout!.on('data', (c) => (r.stdout += c));
  child.stderr!.on('data', (c) => (r.stderr += c));
  if (input !== undefined) child.stdin!.end(input);
  else child.stdin!.end();
  return r;
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = start(args);
  const code = await r.done;
  return { code, stdout: r.stdout, stderr: r.stderr };
}

// Each CLI process loads the sources through tsx: slow on a loaded machine.
describe('runtime-core run', { timeout: 120_000 }, () => {
  it('runs a plain module file with args, replaced or overridden env, stdin from a file or from -, and a copied --dir', async () => {
    const data = path.join(dir, 'data');
    await mkdir(data, { recursive: true });
    await writeFile(path.join(data, 'note.txt'), 'from the host\n');
    await writeFile(path.join(dir, 'input.txt'), 'file input\n');
    const [hello, args, env, stdinFile, stdinPipe, mounted] = await Promise.all([
      cli('run', wasm('hello'), 'plain-1'),
      cli('run', wasm('args'), 'plain-2', '--', 'a', 'b c'),
      cli('run', '--env', 'A=1', '--env', 'B=2', '--env', 'A=3', wasm('env'), 'plain-3'),
      cli('run', '--stdin', path.join(dir, 'input.txt'), wasm('stdin'), 'plain-4'),
      (async () => {
        const r = start(['run', '--stdin', '-', wasm('stdin'), 'plain-5'], 'piped input\n');
        return { code: await r.done, stdout: r.stdout, stderr: r.stderr };
      })(),
      cli('run', '--dir', `${data}:/`, wasm('cat'), 'plain-6', '--', 'note.txt'),
    ]);
    expect(hello).toEqual({ code: 0, stdout: 'hello from wasi\n', stderr: '' });
    expect(args.stdout).toBe('args.wasm a b c\n');
    // A key given again replaces the earlier value instead of adding a second entry.
    expect(env.stdout).toBe('A=3 B=2\n');
    expect(stdinFile).toEqual({ code: 0, stdout: 'file input\n', stderr: '' });
    expect(stdinPipe).toEqual({ code: 0, stdout: 'piped input\n', stderr: '' });
    expect(mounted).toEqual({ code: 0, stdout: 'from the host\n', stderr: '' });
    // The guest worked on its own copy; nothing was added to the host directory.
    expect(await readdir(data)).toEqual(['note.txt']);
  });

  it('refuses bad options before anything is created, naming them, and the id stays free', async () => {
    const results = await Promise.all([
      cli('run', '--timeout', '0', wasm('hello'), 'checked'),
      cli('run', '--stdin', path.join(dir, 'no-such-input'), wasm('hello'), 'checked'),
      cli('run', '--dir', path.join(dir, 'no-such-dir'), wasm('hello'), 'checked'),
      cli('run', '--env', 'NOEQUALS', wasm('hello'), 'checked'),
      cli('run', wasm('hello'), 'bad id'),
      cli('run', path.join(dir, 'missing.wasm'), 'checked'),
    ]);
    expect(results.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(results[0]!.stderr).toMatch(/^runtime-core: invalid_argument: flag --timeout: want a positive integer, got "0"/);
    expect(results[1]!.stderr).toMatch(/^runtime-core: not_found: ENOENT: .*no-such-input/);
    expect(results[2]!.stderr).toMatch(/^runtime-core: not_found: ENOENT: .*no-such-dir/);
    expect(results[3]!.stderr).toMatch(/^runtime-core: invalid_argument: env entry "NOEQUALS": want KEY=VALUE/);
    expect(results[4]!.stderr).toMatch(/^runtime-core: invalid_argument: task id "bad id"/);
    expect(results[5]!.stderr).toMatch(/^runtime-core: not_found: module file .*missing.wasm: no such file/);
    expect((await cli('run', '--rm', wasm('hello'), 'checked')).code).toBe(0);
  });

  it('keeps a finished file-mode task as stopped (code) until tasks rm frees its id', async () => {
    const run = await cli('run', '--io', 'file', wasm('exitCode'), 'kept');
    expect(run.code).toBe(42);
    const stdoutFile = /^stdout: (.*)$/m.exec(run.stderr)![1]!;
    expect((await cli('tasks', 'ls')).stdout).toMatch(/^kept\s+\S+exitCode.wasm\s+io.containerd.wasi.v1\s+\d+\s+stopped \(42\)$/m);
    expect(await readFile(stdoutFile, 'utf8')).toBe('');
    const again = await cli('run', wasm('hello'), 'kept');
    expect(again.stderr).toMatch(/^runtime-core: already_exists: task "kept": already exists \(it is stopped and kept for its output; remove it with `tasks rm`\)/);
    expect(await cli('tasks', 'rm', 'kept')).toEqual({ code: 0, stdout: 'kept\n', stderr: '' });
    await expect(readFile(stdoutFile)).rejects.toThrow(/ENOENT/);
    expect((await cli('tasks', 'ls')).stdout).not.toMatch(/^kept/m);
    expect((await cli('run', '--rm', wasm('hello'), 'kept')).code).toBe(0);
    expect((await cli('tasks', 'rm', 'kept')).stderr).toMatch(/^runtime-core: not_found: task "kept": not found/);
  });
});

describe('processes sharing a root', { timeout: 120_000 }, () => {
  it('streams every process\'s events, refuses a live id to a second run, and recovers a SIGKILLed run', async () => {
    const image = await rootfsImage({ layers: [[{ name: 'app.wasm', data: await wasmOf('spin') }]], entrypoint: ['/app.wasm'] });
    expect((await cli('images', 'import', await writeLayout(path.join(dir, 'spin.tar'), [{ name: 'spin:1', image }]))).code).toBe(0);
    const events = start(['events', 'event.containerId~=^(busy|doomed)$']);
    await events.waitFor('stderr', /listening for events/);

    // A live id: the second run is refused, naming the process that holds it.
    const busy = start(['run', 'spin:1', 'busy']);
    await events.waitFor('stdout', /\/tasks\/start \{"containerId":"busy"/);
    const dup = await cli('run', wasm('hello'), 'busy');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(new RegExp(`^runtime-core: already_exists: task "busy": already exists \\(process ${busy.child.pid} runs it\\)`));
    expect((await cli('tasks', 'ls')).stdout).toMatch(/^busy\s+spin:1\s+\S+\s+\d+\s+running$/m);
    expect((await cli('tasks', 'kill', 'busy')).code).toBe(0);
    expect(await busy.done).toBe(143);

    // A run killed with SIGKILL leaves its task behind; the next process recovers it.
    const doomed = start(['run', 'spin:1', 'doomed']);
    await events.waitFor('stdout', /\/tasks\/start \{"containerId":"doomed"/);
    doomed.child.kill('SIGKILL');
    await doomed.done;
    const rerun = await cli('run', '--rm', '--timeout', '200', 'spin:1', 'doomed');
    expect(rerun.code).toBe(137);
    expect((await cli('tasks', 'ls')).stdout.trim()).toBe('TASK  IMAGE  RUNTIME  OWNER  STATUS');
    // No task snapshot is left: only the image's committed layer remains.
    const snapshots = JSON.parse(await readFile(path.join(dir, 'root', 'io.containerd.snapshotter.v1.native', 'metadata.json'), 'utf8')) as Record<string, { kind: string }>;
    expect(Object.values(snapshots).map((s) => s.kind)).toEqual(['committed']);

    events.child.kill('SIGTERM');
    expect(await events.done).toBe(0);
    const topics = (id: string) => events.stdout.split('\n').filter((l) => l.includes(`"containerId":"${id}"`)).map((l) => l.split(' ')[2]);
    expect(topics('busy')).toEqual(['/tasks/create', '/tasks/start', '/tasks/exit', '/tasks/delete']);
    expect(topics('doomed')).toEqual(['/tasks/create', '/tasks/start', '/tasks/create', '/tasks/start', '/tasks/exit', '/tasks/delete']);
  });
});
