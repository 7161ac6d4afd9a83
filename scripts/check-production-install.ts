import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

// `npm run test:production-install`: the production install as an operator does it, from a clean
// clone of this repository's HEAD with dev dependencies omitted: `npm ci --omit=dev`, `npm run build`,
// `npm run serve`, then the commands an operator runs (db, admin, project, jobs, sync, qualify).
// Each step must succeed with nothing else installed; a missing runtime dependency fails here.
// It is a script (2-6 minutes: an install, a portal build, a first start and a qualification)
// rather than a vitest test, so `npm test` stays fast; .ci/run runs it.

const SOURCE = path.resolve(import.meta.dirname, '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-production-'));
const clone = path.join(scratch, 'shepherd');
const dataDir = path.join(scratch, 'data');
// The clone's own .env is absent; nothing from the developer's environment may leak in.
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, SHEPHERD_DATA_DIR: dataDir, NODE_ENV: 'production' };
const started = Date.now();

function log(line: string) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

function run(command: string, args: string[], options: SpawnSyncOptions & { expectStatus?: number } = {}): string {
  log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: clone, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const expected = options.expectStatus ?? 0;
  if (result.status !== expected) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal} (expected ${expected}):\n${output.slice(-4000)}`);
  }
  return output;
}

function expectIn(output: string, text: string | RegExp, what: string) {
  if (typeof text === 'string' ? !output.includes(text) : !text.test(output)) throw new Error(`${what}: expected ${text} in:\n${output.slice(-2000)}`);
}


/** `npm run serve` until it answers, checks a page and the API, then stops it (its whole process group). */
async function serveAndCheck() {
  const port = await freePort();
  log(`$ npm run serve (PORT=${port})`);
  const child = spawn('npm', ['run', 'serve'], { cwd: clone, env: { ...env, PORT: String(port) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm run serve exited (${child.exitCode}):\n${output}`);
      const answer = await fetch(`${url}/`).catch(() => null);
      if (answer?.ok) break;
      if (Date.now() > deadline) throw new Error(`npm run serve did not answer within 180 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const product = await fetch(`${url}/api/v1/products/containerd`);
    const body = (await product.json()) as { result?: { releases?: { name: string }[] } };
    if (product.status !== 200 || !body.result?.releases?.length) throw new Error(`GET /api/v1/products/containerd: ${product.status} ${JSON.stringify(body).slice(0, 500)}`);
    log(`served / and /api/v1/products/containerd (${body.result.releases.length} releases)`);
    if (output.includes('Shepherd: building')) throw new Error(`npm run serve built the portal instead of serving the build:\n${output}`);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
}

try {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: SOURCE, encoding: 'utf8' }).stdout.trim();
  log(`clean clone of ${SOURCE} at ${head} into ${clone}`);
  run('git', ['clone', '--quiet', '--no-hardlinks', SOURCE, clone], { cwd: scratch });

  run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund']);
  for (const devOnly of ['vitest', 'playwright-core', '@sparticuz/chromium', 'autocannon']) {
    if (fs.existsSync(path.join(clone, 'node_modules', devOnly))) throw new Error(`node_modules/${devOnly} is installed: dev dependencies were not omitted`);
  }

  expectIn(run('npm', ['run', 'serve'], { expectStatus: 1 }), 'no production build: run `npm run build` first', 'serve before build');
  run('npm', ['run', 'build']);
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' }).stdout.trim();
  if (status) throw new Error(`the install or build changed tracked files (a dependency installed behind our back?):\n${status}`);
  await serveAndCheck();

  // The operator's commands, on the database the first start migrated and seeded.
  expectIn(run('npm', ['run', 'db', '--', 'status']), /\d+ migration\(s\) applied/, 'npm run db -- status');
  expectIn(run('npm', ['run', 'admin', '--', 'list']), 'admin', 'npm run admin -- list');
  expectIn(run('npm', ['run', 'project', '--', 'list']), 'containerd', 'npm run project -- list');
  expectIn(run('npm', ['run', 'jobs', '--', '--list']), /\S/, 'npm run jobs -- --list');
  expectIn(run('npm', ['run', 'sync'], { expectStatus: 2 }), 'usage: npm run sync', 'npm run sync (usage)');
  const qualify = run('npm', ['run', 'qualify', '--', 'containerd', 'v2.3.0-rc.1', '--bench-tasks', '50']);
  expectIn(qualify, 'v2.3.0-rc.1: PASSED', 'npm run qualify');

  log('production install: every step passed');
} catch (error) {
  log(`production install FAILED: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
