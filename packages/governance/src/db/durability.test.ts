import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPGlite } from './open-pglite';

// One process (no tsx wrapper), so its pid is the lock holder's and SIGKILL hits the writer itself.
const runTs = (file: string) => [process.execPath, ['--import', 'tsx', file]] as const;

describe('a process killed with SIGKILL during writes', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-kill-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('leaves a database that opens with every committed row', async () => {
    const dataDir = path.join(root, 'data');
    const writer = path.join(root, 'writer.mts');
    // Each row commits on its own and is acknowledged on stdout only after COMMIT returned.
    fs.writeFileSync(
      writer,
      `import { openPGlite } from ${JSON.stringify(path.join(import.meta.dirname, 'open-pglite.ts'))};
const { pglite } = await openPGlite(${JSON.stringify(dataDir)});
await pglite.exec('CREATE TABLE IF NOT EXISTS acknowledged (id int PRIMARY KEY, body text NOT NULL)');
for (let id = 1; ; id++) {
  await pglite.query('INSERT INTO acknowledged VALUES ($1, $2)', [id, 'row ' + id]);
  process.stdout.write('committed ' + id + '\\n');
}`,
    );
    const child = spawn(...runTs(writer), { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        for (const match of String(chunk).matchAll(/committed (\d+)/g)) acknowledged = Number(match[1]);
        if (acknowledged >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => signal !== 'SIGKILL' && reject(new Error(`writer exited on its own (${code})`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const { pglite, lock } = await openPGlite(dataDir);
    try {
      const { rows } = await pglite.query<{ count: number; max: number }>('SELECT count(*)::int AS count, max(id) AS max FROM acknowledged');
      expect(rows[0].count).toBeGreaterThanOrEqual(acknowledged);
      expect(rows[0].count).toBe(rows[0].max); // no gaps: ids 1..max all present
      const check = await pglite.query<{ body: string }>('SELECT body FROM acknowledged WHERE id = $1', [acknowledged]);
      expect(check.rows[0].body).toBe(`row ${acknowledged}`);
    } finally {
      await pglite.close();
      lock.release();
    }
    // A cap, not a wait: starting PGlite in a child and 300 fsynced commits take long on a loaded machine.
  }, 120_000);
});
