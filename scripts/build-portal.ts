import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Builds apps/web when its production build is missing or older than any source it depends on.
// Several processes (npm start, parallel e2e tests) may ask at once: an flock serialises them, and
// the second finds the build fresh.

export const ROOT = path.resolve(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'apps', 'web');
export const BUILD_ID = path.join(WEB, '.next', 'BUILD_ID');
const SOURCES = [
  path.join(WEB, 'app'),
  path.join(WEB, 'lib'),
  path.join(WEB, 'next.config.ts'),
  path.join(WEB, 'proxy.ts'),
  path.join(ROOT, 'packages', 'governance', 'src'),
  path.join(ROOT, 'prisma'),
  path.join(ROOT, 'package-lock.json'),
];
const SKIP = new Set(['node_modules', '.next']);

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) if (!SKIP.has(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function isBuildFresh(): boolean {
  const built = fs.existsSync(BUILD_ID) ? fs.statSync(BUILD_ID).mtimeMs : 0;
  return built >= Math.max(...SOURCES.map(newestMtime));
}

export function buildPortalIfStale(log: (line: string) => void = console.log): void {
  if (isBuildFresh()) return;
  log('Shepherd: building the portal (first start or changed sources)…');
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  // One build at a time on this machine (tests, npm start and people may ask at once).
  const build = spawnSync('flock', [path.join(os.tmpdir(), 'shepherd-build.lock'), tsx, import.meta.filename, '--locked'], { stdio: 'inherit', cwd: ROOT });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

// Under the lock: another process may have built while we waited.
if (process.argv[1] === import.meta.filename && process.argv.includes('--locked') && !isBuildFresh()) {
  const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'next'), ['build', WEB], { stdio: 'inherit', cwd: ROOT });
  process.exit(build.status ?? 1);
}
