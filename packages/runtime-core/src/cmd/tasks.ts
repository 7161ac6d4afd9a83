// Task records for the CLI. A `run` process owns its task (it holds the shim), so other
// CLI invocations find tasks through these records and signal the owner to kill them.
import { readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { failedPrecondition, notFound } from '../errdefs/errdefs.js';
import { writeFileAtomic } from '../pkg/atomicfile.js';

export interface TaskRecord {
  id: string;
  image: string;
  runtime: string;
  owner: number; // pid of the `runtime-core run` process
  status: 'created' | 'running' | 'stopped' | 'unknown';
  exitStatus?: number;
  startedAt: string;
}

export class TaskRecords {
  constructor(private readonly dir: string) {}

  async put(r: TaskRecord): Promise<void> {
    await writeFileAtomic(path.join(this.dir, `${r.id}.json`), JSON.stringify(r));
  }

  async remove(id: string): Promise<void> {
    await rm(path.join(this.dir, `${id}.json`), { force: true });
    await rm(path.join(this.dir, `${id}.kill`), { force: true });
  }

  // Records of tasks that still exist (`exists`: the runtime still holds the id); the others
  // (deleted, or recovered after their owner died) are dropped. A stopped task keeps its status
  // after its owner is gone; one that was running when its owner vanished shows "unknown".
  async list(exists: (id: string) => boolean = () => true): Promise<TaskRecord[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const out: TaskRecord[] = [];
    for (const n of names.filter((x) => x.endsWith('.json'))) {
      const r = JSON.parse(await readFile(path.join(this.dir, n), 'utf8')) as TaskRecord;
      if (!exists(r.id)) {
        await this.remove(r.id);
        continue;
      }
      out.push(r.status === 'stopped' || alive(r.owner) ? r : { ...r, status: 'unknown' as const });
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  // Asks the owning `run` process to deliver signal to the task.
  async kill(id: string, signal: NodeJS.Signals): Promise<void> {
    const r = (await this.list()).find((x) => x.id === id);
    if (!r) throw notFound(`task ${JSON.stringify(id)}: not found`);
    if (r.status === 'stopped') throw failedPrecondition(`task ${JSON.stringify(id)}: already stopped (${r.exitStatus})`);
    if (r.status === 'unknown') throw notFound(`task ${JSON.stringify(id)}: its owner process ${r.owner} is gone`);
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, `${id}.kill`), signal);
    process.kill(r.owner, 'SIGUSR2');
  }

  async pendingKill(id: string): Promise<NodeJS.Signals | undefined> {
    const s = await readFile(path.join(this.dir, `${id}.kill`), 'utf8').catch(() => undefined);
    if (s) await rm(path.join(this.dir, `${id}.kill`), { force: true });
    return s as NodeJS.Signals | undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
