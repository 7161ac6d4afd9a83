import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase, prepareDatabase } from '@shepherd/governance';
import { buildPortalIfStale } from '../../scripts/build-portal';
import { resolveChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    seededDataDir: string;
  }
}

// One embedded database, migrated and seeded as a first start would, made once per run: suites
// that do not test the first start copy it (seededDataDir) instead of seeding again (~9 s each).
export default async function setup(project: TestProject) {
  // Build the portal once, before any suite starts one: a build inside a suite's hook can queue
  // behind other builds on a busy machine and run out its hook's time.
  buildPortalIfStale(() => undefined);
  // Unpack the bundled Chromium (when it is the one to use) before the workers start launching it.
  resolveChromium();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-e2e-template-'));
  const dataDir = path.join(root, 'data');
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await prepareDatabase(database);
  } finally {
    await database.close();
  }
  project.provide('seededDataDir', dataDir);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
