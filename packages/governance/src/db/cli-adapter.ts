import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { resolveDatabaseTarget } from './config';
import { openPGlite } from './open-pglite';
import { ShepherdPGliteAdapterFactory } from './pglite-adapter';

const NAME_OID = 19;
const TEXT_OID = 25;

// adapter-pg 6.19 cannot read PostgreSQL's `name` type, which the schema engine's catalog queries
// return (prisma/orm#27403): report those columns as text. Only the CLI needs this.
class NameAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.then((value: { fields?: { dataTypeID: number }[] }) => {
        for (const field of value?.fields ?? []) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
        return value;
      }) as never;
    }
    return result as never;
  }
}

// The Prisma CLI calls the adapter factory more than once per command: keep one per process.
let cached: Promise<unknown> | undefined;

export function openAdapterForCli(): Promise<never> {
  cached ??= (async () => {
    const target = resolveDatabaseTarget();
    if (target.kind === 'postgres') {
      const pool = new pg.Pool({ connectionString: target.url, allowExitOnIdle: true, Client: NameAsTextClient });
      return new PrismaPg(pool);
    }
    const { pglite } = await openPGlite(target.dataDir);
    return new ShepherdPGliteAdapterFactory(pglite);
  })();
  return cached as Promise<never>;
}
