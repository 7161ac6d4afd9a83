import os from 'node:os';
import type { PrismaClient } from '../db';
import { PROJECT_ROOT } from '../db/config';

export const LOG_LIMIT_BYTES = 256 * 1024;

/**
 * A run's log, streamed to its row: appended in memory, written at most every `intervalMs` and at
 * every step boundary, so a crash of the runner loses at most the last second of output. Past the
 * limit the head is dropped (the end of a log says why a run failed) and the row says so.
 * Paths are written as a reader of the project knows them: relative to the project root, the run's
 * staging directory as <staging>, the home directory as ~, never the server's own layout.
 */
export class QualificationLog {
  private text = '';
  private truncated = false;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly id: number,
    private readonly limit = LOG_LIMIT_BYTES,
    private readonly intervalMs = 1_000,
    private readonly staging: string | null = null,
  ) {}

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit) {
      this.text = this.text.slice(this.text.length - this.limit);
      this.truncated = true;
    }
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush().catch(() => undefined);
    }, this.intervalMs);
  }

  line(text: string): void {
    this.append(`${text}\n`);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.dirty) return;
    this.dirty = false;
    await this.prisma.qualification.update({ where: { id: this.id }, data: { log: relativePaths(this.text, this.staging), logTruncated: this.truncated, heartbeatAt: new Date() } });
  }
}

/** Rewrites the server's absolute paths in a log: the staging directory, the project root, the home directory, the node binary. */
export function relativePaths(text: string, staging: string | null, root = PROJECT_ROOT): string {
  const rules: [string, string][] = [
    ...(staging ? ([[`${staging}/`, '<staging>/'], [staging, '<staging>']] as [string, string][]) : []),
    [process.execPath, 'node'],
    [`${root}/`, ''],
    [root, '.'],
    [`${os.homedir()}/`, '~/'],
  ];
  return rules.reduce((result, [from, to]) => result.replaceAll(from, to), text);
}
