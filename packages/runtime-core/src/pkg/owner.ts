// Which process owns something, in a form that survives pid reuse: "<pid>:<start time>", the
// start time in clock ticks since boot from /proc/<pid>/stat. A process counts as alive while
// /proc shows it with the same start time and not as a zombie.
import { readFileSync } from 'node:fs';

function stat(pid: number): { state: string; start: string } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields resume after the last ")".
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, start: fields[19]! };
  } catch {
    return undefined;
  }
}

let self: string | undefined;

export function ownerToken(): string {
  self ??= `${process.pid}:${stat(process.pid)?.start ?? '0'}`;
  return self;
}

export function ownerPid(token: string): number {
  return Number(token.split(':')[0]);
}

export function ownerAlive(token: string): boolean {
  if (token === ownerToken()) return true;
  const [pid, start] = token.split(':');
  const s = stat(Number(pid));
  return s !== undefined && s.state !== 'Z' && s.start === start;
}
