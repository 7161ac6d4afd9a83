// Messages between a shim's pool (main thread) and its worker threads. A SharedArrayBuffer
// per worker records which batch slot is running and each slot's exit status, so a worker
// terminated to kill one task still tells which of its other tasks finished.
import type { IOMode } from '../../../core/runtime/runtime.js';
import type { ExitResponse, ShimEvent } from '../../../core/shim/shim.js';
import { bufferView } from '../../../pkg/bytes.js';
import type { CompiledModule } from './modcache.js';

export const BATCH_MAX = 32;
// Batches a worker may hold at once: the next one waits in its message queue, so the worker
// goes on without a round trip through the shim's (busy) main thread.
export const BATCH_FRAMES = 2;
// Slot g = frame * BATCH_MAX + index in batch. Int32 cells: [0] running slot (-1 idle);
// then each slot's exit status, done flag and cancel flag.
const SLOTS = BATCH_FRAMES * BATCH_MAX;
export const CTRL_RUNNING = 0;
export const ctrlStatus = (g: number) => 1 + g;
export const ctrlDone = (g: number) => 1 + SLOTS + g;
export const ctrlCancel = (g: number) => 1 + 2 * SLOTS + g;
export const CTRL_LENGTH = 1 + 3 * SLOTS;

export interface StdioTarget {
  mode: IOMode;
  path?: string; // for mode "file"
  fd?: number; // the open file, set by the pool when it hands the task to a worker
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
  | ({ type: 'module' } & CompiledModule)
  | { type: 'batch'; batch: number; base: number; items: WorkItem[] };

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

export const eventToWire = (e: ShimEvent): unknown => (e.exit ? { ...e, exit: exitToWire(e.exit) } : e);
export const eventFromWire = (w: Omit<ShimEvent, 'exit'> & { exit?: WireExit }): ShimEvent => {
  const { exit, ...rest } = w;
  return exit ? { ...rest, exit: exitFromWire(exit) } : rest;
};
