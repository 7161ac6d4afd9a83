// Facts about a process from /proc (Linux).
import { readFileSync } from 'node:fs';

// Peak resident memory (VmHWM), bytes; 0 where /proc does not say.
export function peakRssBytes(pid: number | 'self' = 'self'): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
