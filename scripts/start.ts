import './env';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildPortalIfStale, ROOT } from './build-portal';

// `npm start`: build the portal when the build is missing or stale, then serve it. Migrations and
// the seed run inside the server before it takes requests (apps/web/instrumentation-node.ts).
try {
  buildPortalIfStale();
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
