import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPortalIfStale, ROOT } from '../../scripts/build-portal';
import { freePort } from '../../scripts/free-port';

export { freePort };

// Starts the production portal on a free port with its own data directory, as `npm start` would,
// for end-to-end tests. The build is shared and rebuilt only when sources changed.

export interface Portal {
  url: string;
  dataDir: string;
  output: () => string;
  /** The server process (a test may signal it). */
  child: ChildProcess;
  stop(): Promise<void>;
}


export async function startPortal(env: Record<string, string> = {}): Promise<Portal> {
  buildPortalIfStale(() => undefined);
  const port = await freePort();
  const dataDir = env.SHEPHERD_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-e2e-'));
  let output = '';
  // The production server as `npm run serve` runs it: the front process, with the Next process as its
  // child (which stops by itself when the front is killed outright).
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps', 'web', 'server', 'index.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', SHEPHERD_DATA_DIR: dataDir, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/`);
      // Read the body here: an error while decoding it must not surface later as an unhandled one.
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the portal did not answer within 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!env.SHEPHERD_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
