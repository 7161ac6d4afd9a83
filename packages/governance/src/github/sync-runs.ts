import os from 'node:os';
import type { Prisma, PrismaClient } from '../db';
import { failedPrecondition } from '../errors';

// A sync run's record (GithubSyncRun) while it runs: which process runs it, a lease it renews, and
// every wait. A RUNNING row whose process died (a kill, a crash, a power cut) is closed as FAILED
// when the next sync of the repository starts, instead of showing "running" for ever.

const LEASE_MS = 5 * 60_000;
const RENEW_MS = 60_000;
/** Waits kept per run (the latest); a run that waits more than this many times says so in its error anyway. */
const WAITS_KEPT = 50;

/** Runs this process is running now (a RUNNING row with our pid that is not here is a leftover). */
const active = new Set<number>();

export const workerId = () => `${os.hostname()}:${process.pid}`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/** Why a RUNNING run is no longer running, or null while it may be. */
function abandoned(run: { id: number; worker: string | null; leaseUntil: Date | null; startedAt: Date }, now: Date): string | null {
  if (active.has(run.id)) return null;
  const cut = run.worker?.lastIndexOf(':') ?? -1;
  const host = cut > 0 ? run.worker!.slice(0, cut) : null;
  const pid = cut > 0 ? Number(run.worker!.slice(cut + 1)) : NaN;
  if (host === os.hostname() && Number.isInteger(pid) && (pid === process.pid || !processAlive(pid))) {
    return `the sync process (${run.worker}) stopped before the run finished (killed or crashed)`;
  }
  const lease = run.leaseUntil ?? new Date(run.startedAt.getTime() + LEASE_MS);
  if (lease < now) return `the sync process (${run.worker ?? 'unknown'}) stopped reporting at ${lease.toISOString()} (killed, crashed or cut off)`;
  return null;
}

export interface RunRecorder {
  id: number;
  /** Records a wait in the run (shown on /sync while it lasts and afterwards). */
  wait(reason: string, seconds: number): Promise<void>;
  finish(data: Prisma.GithubSyncRunUpdateInput): Promise<void>;
}

/**
 * Closes this repository's abandoned runs, refuses to start while another live run syncs it (two
 * runs would write the same cursors), and opens a RUNNING row with a lease it renews.
 */
export async function startSyncRun(prisma: PrismaClient, repository: { id: number; fullName: string }, data: { mode: string; trigger: string }): Promise<RunRecorder> {
  const now = new Date();
  for (const run of await prisma.githubSyncRun.findMany({ where: { repositoryId: repository.id, outcome: 'RUNNING' } })) {
    const why = abandoned(run, now);
    if (why) {
      await prisma.githubSyncRun.updateMany({ where: { id: run.id, outcome: 'RUNNING' }, data: { outcome: 'FAILED', error: why, finishedAt: now } });
      continue;
    }
    throw failedPrecondition(`A sync of ${repository.fullName} is already running (run #${run.id} by ${run.worker ?? 'another process'}, started ${run.startedAt.toISOString()}): wait for it to finish`);
  }
  const run = await prisma.githubSyncRun.create({ data: { repositoryId: repository.id, ...data, worker: workerId(), leaseUntil: new Date(now.getTime() + LEASE_MS) } });
  active.add(run.id);
  const renew = setInterval(() => {
    void prisma.githubSyncRun.update({ where: { id: run.id }, data: { leaseUntil: new Date(Date.now() + LEASE_MS) } }).catch(() => undefined);
  }, RENEW_MS);
  renew.unref();
  const waits: { at: string; seconds: number; reason: string }[] = [];
  return {
    id: run.id,
    async wait(reason, seconds) {
      waits.push({ at: new Date().toISOString(), seconds, reason });
      // The lease must outlast the wait, or another start would call this run dead.
      const leaseUntil = new Date(Date.now() + seconds * 1000 + LEASE_MS);
      await prisma.githubSyncRun.update({ where: { id: run.id }, data: { waits: waits.slice(-WAITS_KEPT), leaseUntil } }).catch(() => undefined);
    },
    async finish(update) {
      clearInterval(renew);
      active.delete(run.id);
      await prisma.githubSyncRun.update({ where: { id: run.id }, data: { ...update, waits: waits.slice(-WAITS_KEPT), finishedAt: new Date(), leaseUntil: null } });
    },
  };
}
