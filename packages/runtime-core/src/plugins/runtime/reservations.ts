// Task ids reserved across processes: several processes (CLI invocations, embedders) may share
// a root, and a task id must name one task. A reservation is a symlink <dir>/<id> whose target
// is the owner's token (pid and start time): symlink(2) fails when the name exists, so taking
// an id is atomic, and on the state tmpfs it costs one syscall. A stopped task kept for its
// output until `tasks rm` is "retained" (its owner has gone on purpose).
//
// Restart recovery, as containerd does for tasks whose shim died: a reservation whose owner is
// dead is cleaned up (its snapshots and bundle, by the caller's cleanup) and released. Recovery
// runs under a lock file, so two recoverers never clean the same id while a third reserves it.
import { mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, symlinkSync, unlinkSync, writeFileSync, linkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { alreadyExists, failedPrecondition, notFound, unavailable } from '../../errdefs/errdefs.js';
import { ownerAlive, ownerPid, ownerToken } from '../../pkg/owner.js';

export const RETAINED = 'retained';
const LOCK = '.recovery.lock';
const LOCK_WAIT_MS = 10_000;

export interface Reservation {
  id: string;
  // Owner token; absent when retained.
  owner?: string;
  retained: boolean;
  // The owner is this process or another live one.
  alive: boolean;
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

function describe(r: Reservation): string {
  if (r.retained) return 'it is stopped and kept for its output; remove it with `tasks rm`';
  if (r.owner === ownerToken()) return 'this process runs it';
  return `process ${ownerPid(r.owner!)} ${r.alive ? 'runs it' : 'owned it and is gone'}`;
}

export class Reservations {
  private made = false;

  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  // Ids are single path components (the task manager checks them): concatenation suffices.
  private file(id: string): string {
    return `${this.dir}/${id}`;
  }

  private ensureDir(): void {
    if (this.made) return;
    mkdirSync(this.dir, { recursive: true });
    this.made = true;
  }

  // Takes id for this process; already_exists (saying who holds it) when taken. A dead owner's
  // reservation is recovered first, with `cleanup` removing what it left. Synchronous (one
  // symlink) unless the id was taken.
  reserve(id: string, cleanup: (id: string) => Promise<void>): void | Promise<void> {
    this.ensureDir();
    if (this.trySymlink(id)) return;
    return (async () => {
      for (let attempt = 0; ; attempt++) {
        const held = this.get(id);
        if (held) {
          if (held.alive || held.retained || attempt > 0) throw alreadyExists(`task ${JSON.stringify(id)}: already exists (${describe(held)})`);
          await this.recover(cleanup, id);
        }
        if (this.trySymlink(id)) return;
      }
    })();
  }

  private trySymlink(id: string): boolean {
    try {
      symlinkSync(ownerToken(), this.file(id));
      return true;
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
      return false;
    }
  }

  get(id: string): Reservation | undefined {
    let target: string;
    try {
      target = readlinkSync(this.file(id));
    } catch (err) {
      if (code(err) === 'ENOENT') return undefined;
      throw err;
    }
    if (target === RETAINED) return { id, retained: true, alive: false };
    return { id, owner: target, retained: false, alive: ownerAlive(target) };
  }

  list(): Reservation[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if (code(err) === 'ENOENT') return [];
      throw err;
    }
    return names.filter((n) => !n.startsWith('.')).flatMap((n) => this.get(n) ?? []);
  }

  // The task stopped and stays for its output after this process is gone, until `tasks rm`.
  retain(id: string): void {
    const tmp = path.join(this.dir, `.retain-${id}-${randomBytes(4).toString('hex')}`);
    symlinkSync(RETAINED, tmp);
    renameSync(tmp, this.file(id));
  }

  release(id: string): void {
    try {
      unlinkSync(this.file(id));
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
    }
  }

  // Cleans up and releases reservations whose owner is dead (only `id` when given); returns
  // the ids recovered.
  async recover(cleanup: (id: string) => Promise<void>, id?: string): Promise<string[]> {
    const dead = (id === undefined ? this.list() : [this.get(id)].flatMap((r) => r ?? [])).filter((r) => !r.alive && !r.retained);
    if (dead.length === 0) return [];
    return this.locked(async () => {
      const out: string[] = [];
      for (const r of dead) {
        // Re-checked under the lock: another recoverer may have released it, someone reserved it again.
        const now = this.get(r.id);
        if (!now || now.alive || now.retained) continue;
        await cleanup(r.id);
        this.release(r.id);
        out.push(r.id);
      }
      return out;
    });
  }

  // `tasks rm`: a retained task, or one whose owner is gone; a live owner must delete it itself.
  async remove(id: string, cleanup: (id: string) => Promise<void>): Promise<void> {
    const r = this.get(id);
    if (!r) throw notFound(`task ${JSON.stringify(id)}: not found`);
    if (r.alive) throw failedPrecondition(`task ${JSON.stringify(id)}: ${describe(r)}; kill it (it is deleted when its run ends) before removing it`);
    await this.locked(async () => {
      const now = this.get(id);
      if (!now || now.alive) return;
      await cleanup(id);
      this.release(id);
    });
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    this.ensureDir();
    const lock = path.join(this.dir, LOCK);
    const deadline = performance.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        writeFileSync(lock, ownerToken(), { flag: 'wx' });
        break;
      } catch (err) {
        if (code(err) !== 'EEXIST') throw err;
      }
      const holder = readFileSync(lock, 'utf8').trim();
      if (holder && !ownerAlive(holder)) {
        this.breakStaleLock(lock, holder);
        continue;
      }
      if (performance.now() > deadline) throw unavailable(`${lock}: held by process ${ownerPid(holder)} for more than ${LOCK_WAIT_MS} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    try {
      return await fn();
    } finally {
      try {
        unlinkSync(lock);
      } catch {
        // already gone
      }
    }
  }

  // Moves a dead holder's lock aside and checks what was moved: if a live process had taken the
  // lock in between, its file is put back.
  private breakStaleLock(lock: string, holder: string): void {
    const aside = `${lock}.stale-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(lock, aside);
    } catch (err) {
      if (code(err) === 'ENOENT') return;
      throw err;
    }
    const moved = readFileSync(aside, 'utf8').trim();
    if (moved !== holder) {
      try {
        linkSync(aside, lock);
      } catch {
        // someone holds it again; theirs stands
      }
    }
    unlinkSync(aside);
  }
}
