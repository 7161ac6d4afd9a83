import './env';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BUILD_ID, buildPortalIfStale, isBuildFresh, ROOT } from './build-portal';

// `npm start`: build the portal when the build is missing or stale, then serve it.
// `npm run serve` (`--no-build`): the production start: serve the build `npm run build` made, and
// refuse to serve none or a stale one rather than build on a production host or serve old code.
// Migrations and the seed run inside the server before it takes requests (apps/web/instrumentation-node.ts).
const noBuild = process.argv.includes('--no-build');
try {
  if (!noBuild) buildPortalIfStale();
  else if (!fs.existsSync(BUILD_ID)) throw new Error('no production build: run `npm run build` first');
  else if (!isBuildFresh()) throw new Error('the production build is older than the sources: run `npm run build` again');
} catch (error) {
  console.error(`Shepherd: ${(error as Error).message}`);
  process.exit(1);
}
const port = process.env.PORT ?? '3000';
console.log(`Shepherd: starting on http://localhost:${port}`);
const server = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', path.join(ROOT, 'apps', 'web'), '--port', port], {
  stdio: 'inherit',
  cwd: ROOT,
});
process.exit(server.status ?? 1);
