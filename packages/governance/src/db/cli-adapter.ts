import { PrismaPg } from '@prisma/adapter-pg';
import { resolveDatabaseTarget } from './config';
import { openPGlite } from './open-pglite';
import { ShepherdPGliteAdapterFactory } from './pglite-adapter';

// The Prisma CLI calls the adapter factory more than once per command: keep one per process.
let cached: Promise<unknown> | undefined;

export function openAdapterForCli(): Promise<never> {
  cached ??= (async () => {
    const target = resolveDatabaseTarget();
    if (target.kind === 'postgres') return new PrismaPg({ connectionString: target.url, allowExitOnIdle: true });
    const { pglite } = await openPGlite(target.dataDir);
    return new ShepherdPGliteAdapterFactory(pglite);
  })();
  return cached as Promise<never>;
}
