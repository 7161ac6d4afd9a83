import fs from 'node:fs';
import os from 'node:os';

// One PGlite per data directory, machine-wide: two processes on one directory silently lose
// commits. The lock is a pid file created with O_EXCL and checked by pid liveness plus the
// process start time. No heartbeat: a busy PGlite loop starves Node's timers, and a timer-based
// staleness check (as in proper-lockfile) then hands the lock to a second process mid-write.

export interface LockHolder {
  pid: number;
  host: string;
  startTime: string | null;
  acquiredAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Shepherd process (pid ${holder.pid} on ${holder.host}, ` +
        `"${holder.command}", since ${holder.acquiredAt}). Stop it first, or set SHEPHERD_DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** The kernel's start time of a process (clock ticks since boot), or null where /proc is absent. */
function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return 'dead';
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true; // cannot tell; never steal another host's lock
  // kill(0 or negative pid) would signal process groups; such a file holds no live owner.
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const startTime = processStartTime(holder.pid);
  if (startTime === 'dead') return false;
  // A reused pid belongs to a process that started at another time.
  return holder.startTime === null || startTime === null || startTime === holder.startTime;
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // A file cut short by a crash between create and write holds no live owner.
    return { pid: -1, host: os.hostname(), startTime: null, acquiredAt: 'unknown', command: 'unreadable lock' };
  }
}

export interface DataDirLock {
  path: string;
  release(): void;
}

export function acquireDataDirLock(dataDir: string, command = process.argv.slice(1).join(' ')): DataDirLock {
  const lockPath = `${dataDir}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    startTime: processStartTime(process.pid),
    acquiredAt: new Date().toISOString(),
    command: command.slice(0, 200),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(me));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return registerRelease(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (!holder) continue; // released between our create and read
    if (holder.pid === process.pid && holder.host === me.host) {
      throw new DataDirLockedError(dataDir, holder); // opened twice in this process: a bug upstream
    }
    if (isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    // Stale: move it aside atomically, so two processes cannot both delete and re-create it.
    const aside = `${lockPath}.stale-${process.pid}-${Date.now()}`;
    try {
      fs.renameSync(lockPath, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = readHolder(aside);
    // If what we moved was a fresh lock taken by a racing process, put it back (link never
    // overwrites) and yield to that process.
    if (moved && moved.pid !== holder.pid && isAlive(moved)) {
      try {
        fs.linkSync(aside, lockPath);
      } catch {
        // Someone else holds the path now; either way the live process keeps its claim.
      }
      fs.rmSync(aside, { force: true });
      throw new DataDirLockedError(dataDir, moved);
    }
    fs.rmSync(aside, { force: true });
  }
  throw new Error(`Could not take the lock ${lockPath} after several attempts`);
}

function registerRelease(lockPath: string): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const holder = readHolder(lockPath);
    if (holder && holder.pid === process.pid && holder.host === os.hostname()) fs.rmSync(lockPath, { force: true });
  };
  process.on('exit', release);
  return { path: lockPath, release };
}
