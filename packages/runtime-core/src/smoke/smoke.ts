// The smoke suite: assembles the WAT modules, packs them as OCI layouts (Wasm artifacts
// as a directory, ordinary images with gzip rootfs layers as a tar), imports them and runs
// each case as tasks through the process-isolated WASI shim, checking exits and output.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, DEFAULT_RUNTIME, stateBase } from '../client/client.js';
import { messageOf } from '../errdefs/errdefs.js';
import { MODULES, type ModuleName } from './modules.js';
import { rootfsImage, wasmArtifact, writeLayout, type TarEntry } from './ocibuild.js';
import { wat2wasm } from './wat.js';

export interface SmokeCase {
  name: string;
  ok: boolean;
  durationMs: number;
  error?: string;
}

export interface SmokeResult {
  ok: boolean;
  cases: SmokeCase[];
  runtime: string;
  node: string;
  durationMs: number;
}

function expectEqual(what: string, got: unknown, want: unknown): void {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

interface RunOpts {
  args?: string[];
  env?: string[];
  timeoutMs?: number;
  pipe?: boolean;
}

export async function smoke(opts: { runtime?: string; log?: (l: string) => void } = {}): Promise<SmokeResult> {
  const runtime = opts.runtime ?? DEFAULT_RUNTIME;
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const work = await mkdtemp(path.join(tmpdir(), 'runtime-core-smoke-'));
  const state = await mkdtemp(path.join(stateBase(), 'runtime-core-smoke-'));
  const client = await Client.open({ root: path.join(work, 'root'), state });
  const cases: SmokeCase[] = [];
  try {
    const wasm = {} as Record<ModuleName, Uint8Array>;
    for (const name of Object.keys(MODULES) as ModuleName[]) wasm[name] = await wat2wasm(name, MODULES[name]);
    const artifacts = (['hello', 'exitCode', 'stdio', 'trap', 'spin'] as const).map((n) => ({ name: `smoke/${n}:latest`, image: wasmArtifact(wasm[n], `${n}.wasm`) }));
    await client.importImage(await writeLayout(path.join(work, 'artifacts'), artifacts));
    const layers: TarEntry[][] = [
      [
        { name: 'bin/', type: 'directory' },
        { name: 'bin/args.wasm', data: wasm.args },
        { name: 'bin/env.wasm', data: wasm.env },
        { name: 'bin/cat.wasm', data: wasm.cat },
        { name: 'data/hello.txt', data: 'hello from the rootfs\n' },
        { name: 'data/stale.txt', data: 'removed by the next layer\n' },
      ],
      [{ name: 'data/.wh.stale.txt' }],
    ];
    const env = ['GREETING=hi', 'TIER=smoke'];
    const rootfs = [
      { name: 'smoke/args:latest', image: await rootfsImage({ layers, entrypoint: ['/bin/args.wasm'], cmd: ['one', 'two'], env, gzip: true }) },
      { name: 'smoke/env:latest', image: await rootfsImage({ layers, entrypoint: ['/bin/env.wasm'], env, gzip: true }) },
      { name: 'smoke/cat:latest', image: await rootfsImage({ layers, entrypoint: ['/bin/cat.wasm'], cmd: ['data/hello.txt'], env, gzip: true }) },
    ];
    await client.importImage(await writeLayout(path.join(work, 'rootfs.tar'), rootfs));

    let seq = 0;
    const run = async (image: string, o: RunOpts = {}) => {
      const t = await client.newTask(`smoke-${++seq}`, {
        image,
        runtime,
        ...(o.args ? { args: o.args } : {}),
        ...(o.env ? { env: o.env } : {}),
        io: o.pipe ? { stdout: 'pipe', stderr: 'pipe' } : { stdout: 'file', stderr: 'file' },
      });
      await t.start();
      const timer = o.timeoutMs ? setTimeout(() => void t.kill('SIGKILL').catch(() => undefined), o.timeoutMs) : undefined;
      const exit = await t.wait();
      clearTimeout(timer);
      const st = await t.state();
      const stdout = o.pipe ? (exit.stdout?.toString() ?? '') : await readFile(st.stdout!, 'utf8');
      const stderr = o.pipe ? (exit.stderr?.toString() ?? '') : await readFile(st.stderr!, 'utf8');
      await t.delete();
      return { exit, stdout, stderr };
    };

    const table: [string, () => Promise<void>][] = [
      ['hello', async () => {
        const r = await run('smoke/hello:latest');
        expectEqual('exit status', r.exit.status, 0);
        expectEqual('stdout', r.stdout, 'hello from wasi\n');
      }],
      ['args', async () => {
        expectEqual('image args', (await run('smoke/args:latest')).stdout, '/bin/args.wasm one two\n');
        expectEqual('override args', (await run('smoke/args:latest', { args: ['x', 'y z'] })).stdout, '/bin/args.wasm x y z\n');
      }],
      ['env', async () => {
        expectEqual('stdout', (await run('smoke/env:latest', { env: ['EXTRA=1'] })).stdout, 'GREETING=hi TIER=smoke EXTRA=1\n');
      }],
      ['exit-code', async () => {
        expectEqual('exit status', (await run('smoke/exitCode:latest')).exit.status, 42);
      }],
      ['stdout', async () => {
        const f = await run('smoke/stdio:latest');
        expectEqual('file stdout', f.stdout, 'out\n');
        expectEqual('file stderr', f.stderr, 'err\n');
        const p = await run('smoke/stdio:latest', { pipe: true });
        expectEqual('pipe stdout', p.stdout, 'out\n');
        expectEqual('pipe stderr', p.stderr, 'err\n');
      }],
      ['file-access', async () => {
        const r = await run('smoke/cat:latest');
        expectEqual('exit status', r.exit.status, 0);
        expectEqual('stdout', r.stdout, 'hello from the rootfs\n');
        // The lower layer's file was whited out by the upper one.
        expectEqual('whited-out file', (await run('smoke/cat:latest', { args: ['data/stale.txt'] })).exit.status > 100, true);
        // Paths outside the preopened rootfs are refused by the WASI sandbox.
        expectEqual('escape attempt refused', (await run('smoke/cat:latest', { args: ['../../../../etc/passwd'] })).exit.status > 100, true);
      }],
      ['trap', async () => {
        const r = await run('smoke/trap:latest');
        expectEqual('exit status', r.exit.status, 134);
        if (!/unreachable/.test(r.stderr)) throw new Error(`stderr: want the trap message, got ${JSON.stringify(r.stderr)}`);
      }],
      ['timeout', async () => {
        const r = await run('smoke/spin:latest', { timeoutMs: 300 });
        expectEqual('exit status', r.exit.status, 137);
      }],
    ];
    for (const [name, fn] of table) {
      const t0 = performance.now();
      try {
        await fn();
        cases.push({ name, ok: true, durationMs: Math.round(performance.now() - t0) });
        log(`ok   ${name}`);
      } catch (err) {
        cases.push({ name, ok: false, durationMs: Math.round(performance.now() - t0), error: messageOf(err) });
        log(`FAIL ${name}: ${messageOf(err)}`);
      }
    }
  } finally {
    await client.close();
    await rm(work, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
  return { ok: cases.length > 0 && cases.every((c) => c.ok), cases, runtime, node: process.version, durationMs: Math.round(performance.now() - started) };
}
