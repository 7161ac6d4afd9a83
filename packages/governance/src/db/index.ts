export { openDatabase, postgresDatabase, pgliteDatabase, DatabaseConfigError, openPGlite, describeTarget } from './open-database';
export type { Database } from './open-database';
export { resolveDatabaseTarget, type DatabaseTarget } from './config';
export { DataDirLockedError } from './lock';
export { Prisma, PrismaClient } from './generated/client';
export type * from './generated/models';

import type { Prisma } from './generated/client';
export type Tx = Prisma.TransactionClient;

/** A calendar day stored in a `@db.Date` column, as YYYY-MM-DD. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const dateOf = (day: string) => new Date(`${day}T00:00:00.000Z`);
