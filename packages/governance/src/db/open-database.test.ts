import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from './config';
import { DatabaseConfigError, openDatabase } from './open-database';

describe('bad configuration fails fast with one clear line', () => {
  it('names an unreachable PostgreSQL without its password', async () => {
    const started = Date.now();
    const error = await openDatabase({ kind: 'postgres', url: 'postgres://shepherd:secret@127.0.0.1:1/shepherd' }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseConfigError);
    expect(error.message).toBe('Cannot reach PostgreSQL at postgres://shepherd:***@127.0.0.1:1/shepherd: connect ECONNREFUSED 127.0.0.1:1');
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('names a data directory it cannot create', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-cfg-')), 'a-file');
    fs.writeFileSync(file, '');
    const error = await openDatabase({ kind: 'pglite', dataDir: path.join(file, 'data') }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseConfigError);
    expect(error.message).toMatch(new RegExp(`^Cannot use the data directory ${path.join(file, 'data')}: ENOTDIR`));
  });

  it('rejects a DATABASE_URL that is not PostgreSQL, and defaults to ./.data', () => {
    expect(() => resolveDatabaseTarget({ DATABASE_URL: 'mysql://x:pw@host/db' })).toThrow('DATABASE_URL must be a postgres:// or postgresql:// URL (got "mysql://x:***@host/db")');
    expect(resolveDatabaseTarget({})).toMatchObject({ kind: 'pglite', dataDir: expect.stringMatching(/\.data$/) });
    expect(resolveDatabaseTarget({ SHEPHERD_DATA_DIR: '/srv/shepherd' })).toEqual({ kind: 'pglite', dataDir: '/srv/shepherd' });
  });
});
