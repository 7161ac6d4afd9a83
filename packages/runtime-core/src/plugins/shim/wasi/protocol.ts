// Messages between a shim's pool (main thread) and its worker threads. A SharedArrayBuffer
// per worker records which batch slot is running and each slot's exit status, so a worker
// terminated to kill one task still tells which of its other tasks finished.
import type { IOMode } from '../../../core/runtime/runtime.js';
import type { ExitResponse, ShimEvent } from '../../../core/shim/shim.js';
import { bufferView } from '../../../pkg/bytes.js';
import type { CompiledModule } from './modcache.js';
import type { Captured } from './capture.js';

export const BATCH_MAX = 32;
// Batches a worker may hold at once: the next one waits in its message queue, so the worker
// goes on without a round trip through the shim's (busy) main thread.
export const BATCH_FRAMES = 2;
// Slot g = frame * BATCH_MAX + index in batch. Int32 cells: the running slot (-1 idle), the
// number of tasks the worker has started (the pool's watchdog sees progress), then each slot's
// state and exit status.
const SLOTS = BATCH_FRAMES * BATCH_MAX;
export const CTRL_RUNNING = 0;
export const CTRL_STARTS = 1;
const CTRL_HEADER = 2;
export const ctrlState = (g: number) => CTRL_HEADER + g;
export const ctrlStatus = (g: number) => CTRL_HEADER + SLOTS + g;
export const CTRL_LENGTH = CTRL_HEADER + 2 * SLOTS;

// A slot's state. PENDING -> RUNNING is the worker's compare-and-swap, PENDING -> CANCELLED
// the pool's: exactly one wins, so a task is either run or taken back, never both.
export const SLOT_PENDING = 0;
export const SLOT_RUNNING = 1;
export const SLOT_CANCELLED = 2;
// Finished; its result carries nothing but the status, which is in the control block.
export const SLOT_DONE = 3;
// Finished with output or error text, posted on its own: lost if the worker dies first.
export const SLOT_POSTED = 4;

// The worker opens a task's files itself, right before running it (in parallel with the other
// workers, off the shim's busy main thread). Node closes the files a worker thread opened when
// it ends (measured), so a worker terminated mid-task leaks none.
export interface StdioTarget {
  mode: IOMode;
  path?: string; // for mode "file": the file; for "pipe": where output spills past INLINE_MAX
}

export interface StdinTarget {
  path?: string; // a file read as stdin; /dev/null when absent
}

export interface WorkItem {
  id: string;
  moduleKey: string;
  args: string[];
  env: Record<string, string>;
  preopens: Record<string, string>;
  stdin: StdinTarget;
  stdout: StdioTarget;
  stderr: StdioTarget;
}

export type ToWorker =
  | ({ type: 'module' } & CompiledModule)
  | { type: 'batch'; batch: number; base: number; items: WorkItem[] };

export interface WorkResult {
  status: number;
  error?: string;
  stdout?: Captured;
  stderr?: Captured;
  cancelled?: boolean;
}

// Results of some slots of a batch (index in the batch, result); `end` when it is done.
// `ready` once the thread has loaded its code and listens.
export type FromWorker =
  | {
      type: 'results';
      batch: number;
      results: [number, WorkResult][];
      end: boolean;
    }
  | { type: 'ready' };

// Shell convention for an abnormal end of a Wasm instance: a trap reads like SIGABRT.
export const EXIT_TRAP = 134;
export const EXIT_INTERNAL = 255;

// Shim process <-> runtime: the IPC channel carries JSON, which costs less per message than
// the structured-clone ("advanced") serialization; captured output travels as base64.
export type WireExit = Omit<ExitResponse, 'stdout' | 'stderr'> & { stdout?: string; stderr?: string };

export function exitToWire(e: ExitResponse): WireExit {
  const { stdout, stderr, ...rest } = e;
  const w: WireExit = rest;
  if (stdout) w.stdout = bufferView(stdout).toString('base64');
  if (stderr) w.stderr = bufferView(stderr).toString('base64');
  return w;
}

export function exitFromWire(w: WireExit): ExitResponse {
  const { stdout, stderr, ...rest } = w;
  const e: ExitResponse = rest;
  if (stdout !== undefined) e.stdout = Buffer.from(stdout, 'base64');
  if (stderr !== undefined) e.stderr = Buffer.from(stderr, 'base64');
  return e;
}

// The public /tasks/exit event: the exit without the captured output.
export function exitEvent(exit: ExitResponse): Record<string, unknown> {
  const { stdout: _o, stderr: _e, stdoutFile: _of, stderrFile: _ef, ...event } = exit;
  return { containerId: exit.id, ...event };
}

// An exit event travels as its exit alone (the event is rebuilt from it), not twice.
type WireEvent = { topic: ShimEvent['topic']; event: Record<string, unknown> } | { topic: ShimEvent['topic']; exit: WireExit };
export const eventToWire = (e: ShimEvent): WireEvent => (e.exit ? { topic: e.topic, exit: exitToWire(e.exit) } : { topic: e.topic, event: e.event });
export const eventFromWire = (w: WireEvent): ShimEvent => {
  if (!('exit' in w)) return w;
  const exit = exitFromWire(w.exit);
  return { topic: w.topic, event: exitEvent(exit), exit };
};
