import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, type DataDirLock } from './lock';

/** Raised for configuration a user must fix; its message is the one line to print. */
export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

export async function openPGlite(dataDir: string): Promise<{ pglite: PGlite; lock: DataDirLock }> {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (error) {
    throw new DatabaseConfigError(
      `Cannot use the data directory ${dataDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (set SHEPHERD_DATA_DIR to a writable directory)`,
    );
  }
  const lock = acquireDataDirLock(fs.realpathSync(dataDir));
  try {
    const pglite = await PGlite.create({ dataDir });
    return { pglite, lock };
  } catch (error) {
    lock.release();
    throw new DatabaseConfigError(`Cannot open the embedded database at ${dataDir}: ${(error as Error).message}`);
  }
}

