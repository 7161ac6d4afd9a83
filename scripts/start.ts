import './env';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_ID, buildPortalIfStale, isBuildFresh, ROOT } from './build-portal';

// `npm start`: build the portal when the build is missing or stale, then serve it.
// `npm run serve` (`--no-build`): the production start: serve the build `npm run build` made, and
// refuse to serve none or a stale one rather than build on a production host or serve old code.
// The server (apps/web/server/) starts from this process: the front process here, the Next process as
// its child, which migrates and seeds before it takes requests.
const noBuild = process.argv.includes('--no-build');
try {
  if (!noBuild) buildPortalIfStale();
  else if (!fs.existsSync(BUILD_ID)) throw new Error('no production build: run `npm run build` first');
  else if (!isBuildFresh()) throw new Error('the production build is older than the sources: run `npm run build` again');
} catch (error) {
  console.error(`Shepherd: ${(error as Error).message}`);
  process.exit(1);
}
// By URL: the server's types (Next's) belong to the portal's TypeScript project, not the scripts'.
await import(pathToFileURL(path.join(ROOT, 'apps', 'web', 'server', 'index.ts')).href);
