import { startQualificationWorker } from '@shepherd/governance/qualification/index';
import { prisma } from './database';
import { today } from './today';

// Background work that runs inside the portal process (the embedded database admits one process).
// SHEPHERD_QUALIFICATION_WORKER=off leaves release-candidate qualification to another process.
const state = globalThis as typeof globalThis & { shepherdWorkers?: boolean };

export async function startWorkers(): Promise<void> {
  if (state.shepherdWorkers) return;
  state.shepherdWorkers = true;
  if (process.env.SHEPHERD_QUALIFICATION_WORKER !== 'off') {
    const stop = startQualificationWorker(await prisma(), { today });
    process.once('beforeExit', () => void stop());
  }
}
