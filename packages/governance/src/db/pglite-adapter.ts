import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';

// pglite-prisma-adapter 0.6.1 pairs with Prisma 6 but has two bugs we cannot live with:
// executeScript does not await (a failing script reports success), and it ignores argTypes (so
// Bytes and some DateTime parameters reach PostgreSQL in the wrong form). This wrapper fixes both
// the way @prisma/adapter-pg does; the type round-trip test proves it on PGlite and PostgreSQL.

interface ArgType {
  scalarType?: string;
  dbType?: string;
  arity?: string;
}
interface SqlQuery {
  sql: string;
  args: unknown[];
  argTypes?: ArgType[];
}
interface Queryable {
  queryRaw(query: SqlQuery): Promise<unknown>;
  executeRaw(query: SqlQuery): Promise<number>;
  executeScript?(script: string): Promise<void>;
  startTransaction?(isolationLevel?: string): Promise<Queryable>;
  onError(error: unknown): never;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function formatDateTime(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return `${formatDate(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

export function mapArg(arg: unknown, argType: ArgType | undefined): unknown {
  if (arg === null || arg === undefined || !argType) return arg;
  if (Array.isArray(arg) && argType.arity === 'list') return arg.map((value) => mapArg(value, argType));
  let value = arg;
  if (typeof value === 'string' && argType.scalarType === 'datetime') value = new Date(value);
  if (value instanceof Date) {
    if (argType.dbType === 'DATE') return formatDate(value);
    if (argType.dbType === 'TIME' || argType.dbType === 'TIMETZ') return formatDateTime(value).slice(11);
    return formatDateTime(value);
  }
  if (typeof value === 'string' && argType.scalarType === 'bytes') return new Uint8Array(Buffer.from(value, 'base64'));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

function withMappedArgs(query: SqlQuery): SqlQuery {
  if (!query.argTypes) return query;
  return { ...query, args: query.args.map((arg, i) => mapArg(arg, query.argTypes![i])) };
}

function patchQueryable<T extends Queryable>(target: T, client: { exec(sql: string): Promise<unknown> }): T {
  const queryRaw = target.queryRaw.bind(target);
  const executeRaw = target.executeRaw.bind(target);
  target.queryRaw = (query) => queryRaw(withMappedArgs(query));
  target.executeRaw = (query) => executeRaw(withMappedArgs(query));
  if (target.executeScript) {
    target.executeScript = async (script: string) => {
      try {
        await client.exec(script);
      } catch (error) {
        target.onError(error);
      }
    };
  }
  if (target.startTransaction) {
    const startTransaction = target.startTransaction.bind(target);
    target.startTransaction = async (isolationLevel) => {
      const transaction = await startTransaction(isolationLevel);
      return patchQueryable(transaction, client);
    };
  }
  return target;
}

export class ShepherdPGliteAdapterFactory extends PrismaPGlite {
  constructor(private readonly pglite: PGlite) {
    super(pglite);
  }

  override async connect() {
    const adapter = await super.connect();
    return patchQueryable(adapter as unknown as Queryable, this.pglite) as unknown as typeof adapter;
  }

  // `prisma migrate diff --from-migrations` replays the migrations on a shadow database; the
  // upstream one cannot run multi-statement scripts, so give it a fresh, patched in-memory PGlite.
  // The schema engine also sends whole migration files as argument-less raw statements, which the
  // extended protocol refuses; those go through exec (the simple protocol) on the shadow only.
  override async connectToShadowDb() {
    const shadow = await PGlite.create();
    const adapter = await new ShepherdPGliteAdapterFactory(shadow).connect();
    const queryable = adapter as unknown as Queryable;
    const executeRaw = queryable.executeRaw.bind(queryable);
    queryable.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      const results = await shadow.exec(query.sql);
      return results.reduce((sum, result) => sum + (result.affectedRows ?? 0), 0);
    };
    return adapter;
  }
}
