// Runs WASI test suites in the format of WebAssembly/wasi-testsuite (a directory of *.wasm, each
// with an optional <name>.json: args, env, dirs, exit_code, stdout, stderr, or the newer
// "operations" form) through runtime-core's CLI, as the suite's adapter does, and through plain
// node:wasi, and reports what each passes. Follows the suite's doc/specification.md: the WASI
// environment holds only the given variables, each dir is preopened under its own name,
// `*.cleanup` files are removed before and after each test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stateBase } from '../client/client.js';
import { nodeArgsFor, siblingEntry } from '../pkg/entry.js';
import { wat2wasm } from '../smoke/wat.js';
import { CASES, FIXTURE_DIR, FIXTURE_FILES, caseModule } from './cases.js';

export type RuntimeKind = 'runtime-core' | 'node-wasi';
export const RUNTIMES: RuntimeKind[] = ['runtime-core', 'node-wasi'];

export interface TestConfig {
  args: string[];
  env: Record<string, string>;
  dirs: string[];
  // Preopened at "/" rather than under its own name.
  root?: string;
  stdin?: string;
  exit_code: number;
  stdout?: string;
  stderr?: string;
}

export interface SuiteCase {
  suite: string;
  name: string;
  wasm: string;
  config: TestConfig;
}

export interface RuntimeResult {
  runtime: RuntimeKind;
  total: number;
  passed: number;
  failed: { name: string; reason: string }[];
}

export interface ConformanceResult {
  results: RuntimeResult[];
  // Cases plain node:wasi passes and runtime-core does not (must be none).
  regressions: string[];
  ok: boolean;
}

const TIMEOUT_MS = 20_000;

// A test's JSON, legacy ({args, env, dirs, exit_code, stdout, stderr}) or with operations
// (run, write to stdin, read stdout/stderr, wait for an exit code).
export function parseConfig(raw: Record<string, unknown>): TestConfig {
  const config: TestConfig = { args: [], env: {}, dirs: [], exit_code: 0 };
  const ops = raw.operations as Record<string, unknown>[] | undefined;
  const take = (o: Record<string, unknown>) => {
    if (Array.isArray(o.args)) config.args = o.args as string[];
    if (o.env && typeof o.env === 'object') config.env = o.env as Record<string, string>;
    if (Array.isArray(o.dirs)) config.dirs = o.dirs as string[];
    if (typeof o.root === 'string') config.root = o.root;
  };
  if (!ops) {
    take(raw);
    if (typeof raw.exit_code === 'number') config.exit_code = raw.exit_code;
    if (typeof raw.stdout === 'string') config.stdout = raw.stdout;
    if (typeof raw.stderr === 'string') config.stderr = raw.stderr;
    if (typeof raw.stdin === 'string') config.stdin = raw.stdin;
    return config;
  }
  for (const op of ops) {
    if (op.type === 'run') take(op);
    else if (op.type === 'wait' && typeof op.exit_code === 'number') config.exit_code = op.exit_code;
    else if (op.type === 'write' && (op.id ?? 'stdin') === 'stdin') config.stdin = (config.stdin ?? '') + String(op.payload ?? '');
    else if (op.type === 'read') {
      const stream = (op.id ?? 'stdout') === 'stderr' ? 'stderr' : 'stdout';
      config[stream] = (config[stream] ?? '') + String(op.payload ?? '');
    }
  }
  return config;
}

export async function loadSuite(dir: string): Promise<SuiteCase[]> {
  const manifest = path.join(dir, 'manifest.json');
  const suite = existsSync(manifest) ? String((JSON.parse(await readFile(manifest, 'utf8')) as { name?: unknown }).name ?? dir) : dir;
  const out: SuiteCase[] = [];
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.wasm')).sort()) {
    const json = path.join(dir, f.replace(/\.wasm$/, '.json'));
    const raw = existsSync(json) ? (JSON.parse(await readFile(json, 'utf8')) as Record<string, unknown>) : {};
    out.push({ suite, name: f.replace(/\.wasm$/, ''), wasm: path.join(dir, f), config: parseConfig(raw) });
  }
  return out;
}

// The built-in WAT cases, written out as a suite directory.
export async function writeBuiltinSuite(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ name: 'runtime-core WAT cases' }));
  for (const [rel, text] of Object.entries(FIXTURE_FILES)) {
    await mkdir(path.dirname(path.join(dir, FIXTURE_DIR, rel)), { recursive: true });
    await writeFile(path.join(dir, FIXTURE_DIR, rel), text);
  }
  for (const c of CASES) {
    await writeFile(path.join(dir, `${c.name}.wasm`), await wat2wasm(c.name, caseModule(c)));
    const { name: _n, wat: _w, ...spec } = c;
    await writeFile(path.join(dir, `${c.name}.json`), JSON.stringify(spec, null, 2));
  }
  return dir;
}

export interface RunContext {
  root: string;
  state: string;
  seq: number;
}

// The command line a runtime adapter would build (see wasi-testsuite/runtime-core.py).
export function argvFor(kind: RuntimeKind, c: SuiteCase, ctx: RunContext): string[] {
  const testDir = path.dirname(c.wasm);
  const env = Object.entries(c.config.env).map(([k, v]) => `${k}=${v}`);
  if (kind === 'node-wasi') {
    const entry = siblingEntry(import.meta.url, 'node-wasi');
    return [
      process.execPath,
      '--disable-warning=ExperimentalWarning',
      ...nodeArgsFor(entry),
      entry.file,
      ...env.flatMap((e) => ['--env', e]),
      ...c.config.dirs.flatMap((d) => ['--dir', `${path.join(testDir, d)}::${d}`]),
      ...(c.config.root ? ['--dir', `${path.join(testDir, c.config.root)}::/`] : []),
      c.wasm,
      ...c.config.args,
    ];
  }
  const entry = siblingEntry(import.meta.url, '../cmd/runtime-core');
  return [
    process.execPath,
    '--no-turbo-fast-api-calls',
    ...nodeArgsFor(entry),
    entry.file,
    '--root',
    ctx.root,
    '--state',
    ctx.state,
    'run',
    '--rm',
    ...env.flatMap((e) => ['--env', e]),
    ...c.config.dirs.flatMap((d) => ['--dir', `${path.join(testDir, d)}:${d}`]),
    ...(c.config.root ? ['--dir', `${path.join(testDir, c.config.root)}:/`] : []),
    ...(c.config.stdin !== undefined ? ['--stdin', '-'] : []),
    c.wasm,
    `wasi-${process.pid}-${++ctx.seq}`,
    '--',
    ...c.config.args,
  ];
}

async function removeCleanup(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.name.endsWith('.cleanup')) await rm(p, { recursive: true, force: true });
    else if (e.isDirectory()) await removeCleanup(p);
  }
}

export async function runCase(kind: RuntimeKind, c: SuiteCase, ctx: RunContext): Promise<{ ok: boolean; reason?: string }> {
  const testDir = path.dirname(c.wasm);
  const mounted = [...c.config.dirs, ...(c.config.root ? [c.config.root] : [])];
  for (const d of mounted) await removeCleanup(path.join(testDir, d));
  const [cmd, ...args] = argvFor(kind, c, ctx);
  const got = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd!, args, { cwd: testDir, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.stdin.on('error', () => undefined);
    child.stdin.end(c.config.stdin ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  for (const d of mounted) await removeCleanup(path.join(testDir, d));
  const tail = got.stderr.trim().split('\n').slice(-2).join(' | ');
  if (got.signal) return { ok: false, reason: `killed by ${got.signal}${got.signal === 'SIGKILL' ? ` (over ${TIMEOUT_MS} ms)` : ''}` };
  if (got.code !== c.config.exit_code) return { ok: false, reason: `exit code ${got.code}, want ${c.config.exit_code}${tail ? `: ${tail}` : ''}` };
  if (c.config.stdout !== undefined && got.stdout !== c.config.stdout) return { ok: false, reason: `stdout ${JSON.stringify(got.stdout)}, want ${JSON.stringify(c.config.stdout)}` };
  if (c.config.stderr !== undefined && got.stderr !== c.config.stderr) return { ok: false, reason: `stderr ${JSON.stringify(got.stderr)}, want ${JSON.stringify(c.config.stderr)}` };
  return { ok: true };
}

export interface ConformanceOptions {
  // Suite directories (each a directory of *.wasm); the built-in WAT cases when empty.
  suites: string[];
  runtimes: RuntimeKind[];
  // Only the cases with these names (all when absent).
  only?: string[];
  log: (line: string) => void;
}

export async function conformance(opts: ConformanceOptions): Promise<ConformanceResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'runtime-core-conformance-'));
  const ctx: RunContext = { root: path.join(work, 'root'), state: await mkdtemp(path.join(stateBase(), 'runtime-core-conformance-')), seq: 0 };
  try {
    const dirs = opts.suites.length > 0 ? opts.suites.map((s) => path.resolve(s)) : [await writeBuiltinSuite(path.join(work, 'cases'))];
    const cases = (await Promise.all(dirs.map(loadSuite))).flat().filter((c) => !opts.only || opts.only.includes(c.name));
    const results: RuntimeResult[] = [];
    for (const runtime of opts.runtimes) {
      const r: RuntimeResult = { runtime, total: cases.length, passed: 0, failed: [] };
      for (const c of cases) {
        const out = await runCase(runtime, c, ctx);
        if (out.ok) r.passed++;
        else r.failed.push({ name: `${c.suite}/${c.name}`, reason: out.reason! });
        opts.log(`${out.ok ? 'ok  ' : 'FAIL'} ${runtime.padEnd(12)} ${c.suite}/${c.name}${out.ok ? '' : `: ${out.reason}`}`);
      }
      results.push(r);
    }
    const core = results.find((r) => r.runtime === 'runtime-core');
    const node = results.find((r) => r.runtime === 'node-wasi');
    const coreFailed = new Set(core?.failed.map((f) => f.name));
    const regressions = core && node ? cases.map((c) => `${c.suite}/${c.name}`).filter((n) => coreFailed.has(n) && !node.failed.some((f) => f.name === n)) : [];
    return { results, regressions, ok: regressions.length === 0 };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(ctx.state, { recursive: true, force: true });
  }
}
