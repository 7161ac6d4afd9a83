// Messages between a shim's pool (main thread) and its worker threads. A SharedArrayBuffer
// per worker records which batch slot is running and each slot's exit status, so a worker
// terminated to kill one task still tells which of its other tasks finished.
import type { IOMode } from '../../../core/runtime/runtime.js';

export const BATCH_MAX = 32;
// Int32 slots: [0] running slot (-1 idle); [1..BATCH_MAX] exit status; then done and cancel flags.
export const CTRL_RUNNING = 0;
export const ctrlStatus = (i: number) => 1 + i;
export const ctrlDone = (i: number) => 1 + BATCH_MAX + i;
export const ctrlCancel = (i: number) => 1 + 2 * BATCH_MAX + i;
export const CTRL_LENGTH = 1 + 3 * BATCH_MAX;

export interface StdioTarget {
  mode: IOMode;
  path?: string; // for mode "file"
}

export interface WorkItem {
  id: string;
  moduleKey: string;
  args: string[];
  env: Record<string, string>;
  preopens: Record<string, string>;
  stdout: StdioTarget;
  stderr: StdioTarget;
}

export type ToWorker =
  | { type: 'module'; key: string; module: WebAssembly.Module }
  | { type: 'batch'; batch: number; items: WorkItem[] };

export interface WorkResult {
  status: number;
  error?: string;
  stdout?: Uint8Array;
  stderr?: Uint8Array;
  cancelled?: boolean;
}

export interface FromWorker {
  type: 'results';
  batch: number;
  results: WorkResult[];
}

// Shell convention for an abnormal end of a Wasm instance: a trap reads like SIGABRT.
export const EXIT_TRAP = 134;
export const EXIT_INTERNAL = 255;
