import { startQualificationWorker, type StopWorkerOptions } from '@shepherd/governance/qualification/index';
import { prisma } from './database';
import { announceWrite } from './public-cache';
import { today } from './today';

// Background work that runs inside the portal process (the embedded database admits one process).
// SHEPHERD_QUALIFICATION_WORKER=off leaves release-candidate qualification to another process.
// Returns what stops it (the server calls it on SIGTERM), or null when it is off.
export async function startWorkers(): Promise<((options?: StopWorkerOptions) => Promise<void>) | null> {
  if (process.env.SHEPHERD_QUALIFICATION_WORKER === 'off') return null;
  return startQualificationWorker(await prisma(), { today, onChange: announceWrite });
}
