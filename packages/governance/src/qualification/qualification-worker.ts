import type { PrismaClient } from '../db';
import { failStaleQualifications, requestDueQualifications } from './request-qualification';
import { runQualification, type QualificationOptions } from './run-qualification';

export interface WorkerOptions extends QualificationOptions {
  intervalMs?: number;
  today?: () => string;
  log?: (line: string) => void;
}

/**
 * Runs queued qualifications one at a time in this process (the heavy work happens in child
 * processes), queues RCs whose milestone date has passed, and fails runs whose runner died.
 * Returns a function that stops it after the current run.
 */
export function startQualificationWorker(prisma: PrismaClient, options: WorkerOptions = {}): () => Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  let stopped = false;
  let current: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const tick = async () => {
    try {
      await failStaleQualifications(prisma);
      await requestDueQualifications(prisma, (options.today ?? (() => new Date().toISOString().slice(0, 10)))());
      const next = await prisma.qualification.findFirst({ where: { status: 'QUEUED' }, orderBy: { createdAt: 'asc' }, include: { cycle: true } });
      if (next && !stopped) {
        log(`Shepherd: qualifying ${next.tag} (attempt ${next.attempt})`);
        await runQualification(prisma, next.id, options);
        const done = await prisma.qualification.findUniqueOrThrow({ where: { id: next.id } });
        log(`Shepherd: ${next.tag} ${done.status.toLowerCase()}${done.reason ? `: ${done.reason}` : ''}`);
      }
    } catch (error) {
      log(`Shepherd: qualification worker: ${(error as Error).message}`);
    }
  };
  const loop = () => {
    if (stopped) return;
    current = tick().finally(() => {
      current = null;
      if (!stopped) timer = setTimeout(loop, options.intervalMs ?? 5_000);
    });
  };
  timer = setTimeout(loop, 0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}
