import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

/** A fresh copy of the run's migrated and seeded embedded database (see global-setup.ts). */
export function seededDataDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(inject('seededDataDir'), dir, { recursive: true });
  return dir;
}
