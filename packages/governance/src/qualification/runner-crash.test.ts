import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { prepareDatabase } from '../db/prepare-database';
import { failStaleQualifications } from './request-qualification';

// The runner is killed (SIGKILL) in the middle of a qualification: what it had recorded is still
// there, and the stale run is failed with the reason instead of staying "running" forever.
describe('a qualification runner that dies mid-run', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-runner-crash-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('loses nothing already recorded', async () => {
    const dataDir = path.join(root, 'data');
    const runner = path.join(root, 'runner.mts');
    fs.writeFileSync(
      runner,
      `import { openDatabase } from ${JSON.stringify(path.join(import.meta.dirname, '../db/open-database.ts'))};
import { prepareDatabase } from ${JSON.stringify(path.join(import.meta.dirname, '../db/prepare-database.ts'))};
import { requestQualification } from ${JSON.stringify(path.join(import.meta.dirname, 'request-qualification.ts'))};
import { recordTags } from ${JSON.stringify(path.join(import.meta.dirname, '../testing/tags.ts'))};
import { runQualification } from ${JSON.stringify(path.join(import.meta.dirname, 'run-qualification.ts'))};
const db = await openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} });
await prepareDatabase(db);
await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.0']);
const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.0', trigger: 'manual' });
await runQualification(db.prisma, qualification.id, { onProgress: (step, status) => console.log('progress', step, status) });`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', runner], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        if (String(chunk).includes('progress pack passed')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => signal !== 'SIGKILL' && reject(new Error(`runner ended on its own (${code})`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await prepareDatabase(db);
      const run = await db.prisma.qualification.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.0' } });
      expect(run.status).toBe('RUNNING');
      expect((run.steps as { name: string; status: string }[]).map((s) => `${s.name}:${s.status}`)).toEqual(['source:passed', 'build:passed', 'pack:passed']);
      expect(run.sourceDigest).toMatch(/^sha256:/);
      expect(run.tarballSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(run.log).toContain('tsconfig.build.json');

      expect(await failStaleQualifications(db.prisma, new Date(Date.now() + 16 * 60_000))).toBe(1);
      const failed = await db.prisma.qualification.findUniqueOrThrow({ where: { id: run.id } });
      expect(failed.status).toBe('FAILED');
      expect(failed.reason).toMatch(/^the runner stopped during (install|the run) \(no heartbeat since /);
    } finally {
      await db.close();
    }
  }, 120_000);
});
