import { proxyTrust } from '@shepherd/governance';
import { prisma, startDatabase } from './lib/database';
import { installPeerAddressStamp } from './lib/peer-address';
import { startAuth } from './lib/session';
import { startWorkers } from './lib/workers';
import { startInProcessScheduler } from '../../jobs/index';

installPeerAddressStamp();
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
