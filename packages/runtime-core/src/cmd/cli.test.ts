import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmArtifact, writeLayout } from '../smoke/ocibuild.js';
import { scratch, wasmOf } from '../testsuite/fixtures.js';
import { nodeArgsFor, siblingEntry } from '../pkg/entry.js';
import { parseArgs, rejectUnknownFlags } from './args.js';
import { COMMAND_FLAGS, commands, parseDir } from './commands.js';
import { mergeEnv } from '../client/options.js';

const entry = siblingEntry(import.meta.url, 'runtime-core');

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgsFor(entry), entry.file, '--root', path.join(dir, 'root'), '--state', path.join(dir, 'state'), ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

// Each CLI process loads the sources through tsx: slow on a loaded machine.
describe('runtime-core CLI', { timeout: 120_000 }, () => {
  it('parses flags and positionals', () => {
    const p = parseArgs(['run', '--rm', '--env', 'A=1', '--env=B=2', 'img', 'id', '--', '--not-a-flag'], new Set(['rm']));
    expect(p.positional).toEqual(['run', 'img', 'id', '--not-a-flag']);
    expect(p.flags.get('env')).toEqual(['A=1', 'B=2']);
    expect(() => parseArgs(['--timeout'], new Set())).toThrow(/--timeout needs a value/);
  });

  it('prints its version, the one package.json has', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await cli('--version')).stdout).toBe(`runtime-core ${pkg.version} (node ${process.version}, node:wasi preview1)\n`);
  });

  it('parses --dir HOST[:GUEST] and merges env over the image\'s', () => {
    expect(parseDir('/data')).toEqual({ host: '/data', guest: '/data' });
    expect(parseDir('/data:/')).toEqual({ host: '/data', guest: '/' });
    expect(parseDir('./fs-tests.dir::fs-tests.dir')).toEqual({ host: './fs-tests.dir', guest: 'fs-tests.dir' });
    expect(() => parseDir(':/x')).toThrow(/want HOST\[:GUEST\]/);
    expect(mergeEnv(['PATH=/bin', 'A=1'], ['A=2', 'B=3'], false)).toEqual(['PATH=/bin', 'A=2', 'B=3']);
    expect(mergeEnv(['PATH=/bin', 'A=1'], ['B=3'], true)).toEqual(['B=3']);
  });

  it('refuses a flag the command does not take, naming it and the ones it does', async () => {
    expect(() => rejectUnknownFlags(parseArgs(['--warmpu', '5'], new Set()), 'runtime-core bench', ['warmup', 'tasks'])).toThrow(
      'runtime-core bench: unknown flag --warmpu (it takes --warmup, --tasks)',
    );
    expect(() => rejectUnknownFlags(parseArgs(['--tasks', '5'], new Set()), 'runtime-core bench', ['warmup', 'tasks'])).not.toThrow();
    // Every command has its flag list, so none skips the check.
    for (const name of [...Object.keys(commands), 'smoke', 'bench', 'conformance']) expect(COMMAND_FLAGS[name], name).toBeDefined();
    const typo = await cli('bench', '--tasks', '10', '--warmpu', '5');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/^runtime-core: invalid_argument: runtime-core bench: unknown flag --warmpu \(it takes --tasks, .*--warmup/m);
    const sub = await cli('images', 'ls', '--format', 'tar');
    expect(sub.stderr).toMatch(/runtime-core images ls: unknown flag --format \(it takes --root, --state, --help, --version\)/);
  });

  it('imports, lists, runs, collects garbage and reports errors', async () => {
    await writeLayout(path.join(dir, 'hello.tar'), [{ name: 'demo/hello:1', image: wasmArtifact(await wasmOf('exitCode')) }]);
    const imp = await cli('images', 'import', path.join(dir, 'hello.tar'));
    expect(imp.code).toBe(0);
    expect(imp.stdout).toBe('demo/hello:1\n');
    expect(imp.stderr).toMatch(/3 blobs, 1 image/);
    // Independent commands run side by side: each CLI start loads the sources through tsx.
    const [ls, run, plugins, tasks, missing] = await Promise.all([
      cli('images', 'ls'),
      cli('run', '--rm', 'demo/hello:1', 't1'),
      cli('plugins', 'ls', '--detailed'),
      cli('tasks', 'ls'),
      cli('run', 'nope:1', 't2'),
    ]);
    expect(ls.stdout).toMatch(/demo\/hello:1\s+application\/vnd.oci.image.manifest.v1\+json\s+sha256:/);
    expect(run.code).toBe(42);
    expect(plugins.stdout).toMatch(/io.containerd.transfer.v1\s+local\s+io.containerd.content.v1,/);
    expect(tasks.stdout.trim()).toBe('TASK  IMAGE  RUNTIME  OWNER  STATUS');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('runtime-core: not_found: image "nope:1": not found\n');
    expect((await cli('images', 'rm', 'demo/hello:1')).code).toBe(0);
    // Every error carries an errdefs code and names the file or object.
    await writeFile(path.join(dir, 'not-a-layout.tar'), 'not a tar at all');
    const [notTar, exportOnDir] = await Promise.all([
      cli('images', 'import', path.join(dir, 'not-a-layout.tar')),
      cli('images', 'export', '--format', 'tar', dir, 'nope:1'),
    ]);
    expect(notTar.stderr).toMatch(new RegExp(`^runtime-core: invalid_argument: ${dir}/not-a-layout.tar: cannot read tar: `));
    expect(exportOnDir.stderr).toBe('runtime-core: not_found: image "nope:1": not found\n');
    expect((await cli('content', 'gc')).stdout).toMatch(/removed 3 blobs and 0 snapshots/);
  });
});
