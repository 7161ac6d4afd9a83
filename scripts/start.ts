import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `npm start`: build the portal when the build is missing or older than the sources, then serve it.
// Migrations and the seed run inside the server before it takes requests (apps/web/instrumentation).

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps', 'web');
const buildId = path.join(web, '.next', 'BUILD_ID');
const sources = [path.join(web, 'app'), path.join(web, 'lib'), path.join(root, 'packages', 'governance', 'src'), path.join(root, 'prisma')];
const skip = new Set(['node_modules', 'generated', '.next']);

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) if (!skip.has(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const next = path.join(root, 'node_modules', '.bin', 'next');
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (built < Math.max(...sources.map(newestMtime), ...['next.config.ts', 'instrumentation.ts', 'instrumentation-node.ts'].map((file) => newestMtime(path.join(web, file))))) {
  console.log('Shepherd: building the portal (first start or changed sources)…');
  const build = spawnSync(next, ['build', web], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const port = process.env.PORT ?? '3000';
console.log(`Shepherd: starting on http://localhost:${port}`);
const server = spawnSync(next, ['start', web, '--port', port], { stdio: 'inherit', cwd: root });
process.exit(server.status ?? (server.signal ? 1 : 0));
