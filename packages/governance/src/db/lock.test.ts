import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock';

// One process (no tsx wrapper), so its pid is the lock holder's and SIGKILL hits the writer itself.
const runTs = (file: string) => [process.execPath, ['--import', 'tsx', file]] as const;

/** A separate process that takes the lock, says so, and then waits to be killed. */
function holdLockInChild(dataDir: string) {
  const script = `import { acquireDataDirLock } from ${JSON.stringify(path.join(import.meta.dirname, 'lock.ts'))};
acquireDataDirLock(${JSON.stringify(dataDir)}, 'lock holder');
console.log('locked');
setInterval(() => undefined, 1000);`;
  const file = path.join(path.dirname(dataDir), 'hold-lock.mts');
  fs.writeFileSync(file, script);
  const child = spawn(...runTs(file), { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
  });
  return { child, ready };
}

describe('the data directory lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-lock-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  };
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('refuses a second process at once, naming the directory and the holder, and takes over after a SIGKILL', async () => {
    const dataDir = tempDir();
    const { child, ready } = holdLockInChild(dataDir);
    await ready;
    let refused: unknown;
    try {
      acquireDataDirLock(dataDir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as Error).message).toContain(dataDir);
    expect((refused as Error).message).toContain(`pid ${child.pid}`);
    expect((refused as Error).message).toContain('"lock holder"');

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const started = performance.now();
    const lock = acquireDataDirLock(dataDir);
    expect(performance.now() - started).toBeLessThan(500);
    lock.release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('takes over a lock file left by a process that no longer exists, or cut short by a crash', () => {
    const dataDir = tempDir();
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), startTime: '1', acquiredAt: 'then', command: 'gone' }));
    acquireDataDirLock(dataDir).release();
    fs.writeFileSync(`${dataDir}.lock`, '{"pid": 12');
    acquireDataDirLock(dataDir).release();
  });

  it('does not let the same process open a directory twice', () => {
    const dataDir = tempDir();
    const lock = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    lock.release();
  });
});
