import { proxyTrust } from '@shepherd/governance';
import { prisma, startDatabase } from './lib/database';
import { installRequestGuard } from './lib/request-guard';
import { startAuth } from './lib/session';
import { startWorkers } from './lib/workers';
import { startInProcessScheduler } from '../../jobs/index';

installRequestGuard();
try {
  proxyTrust();
  await startDatabase();
} catch (error) {
  // Bad configuration must stop the server with one line a person can act on.
  console.error(`Shepherd cannot start: ${(error as Error).message}`);
  process.exit(1);
}
await startAuth();
await startWorkers();
startInProcessScheduler(await prisma());
