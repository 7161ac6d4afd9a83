import type { PrismaClient } from '@shepherd/governance/db/index';

/** One scheduled job: a cron expression (UTC) and the governance call it makes. */
export interface JobDefinition {
  name: string;
  /** Five fields (minute resolution) or six (seconds first). */
  schedule: string;
  description: string;
  /** Returns a one-line summary for the job runs page. */
  run(context: { prisma: PrismaClient; log: (line: string) => void }): Promise<string | void>;
}
