// The shim API (containerd runtime v2 task service, runwasi's Instance): the runtime
// talks to a shim per sandbox; the shim runs the tasks and reports their events.
import type { IOConfig, Spec, Status } from '../runtime/runtime.js';
import type { Topic } from '../events/events.js';

export interface CreateTaskRequest {
  id: string;
  bundle: string; // per-task state directory: the shim creates it for "file" streams and removes it on delete
  spec: Spec;
  io: IOConfig;
}

export interface TaskStateResponse {
  id: string;
  pid: number;
  status: Status;
  exitStatus?: number;
  exitedAt?: string;
}

export interface ExitResponse {
  id: string;
  pid: number;
  exitStatus: number;
  exitedAt: string;
  error?: string;
  // Captured "pipe" output up to a small size, inline.
  stdout?: Uint8Array;
  stderr?: Uint8Array;
  // Captured output that spilled to a file: the runtime reads it and removes the file.
  stdoutFile?: string;
  stderrFile?: string;
  // Bytes dropped past the shim's capture limit, per stream.
  truncated?: { stdout?: number; stderr?: number };
}

export interface ShimStats {
  pid: number;
  openFds: number;
  tasksRun: number;
  workers: number;
  workersRecycled: number;
  cachedModules: number;
  rssBytes: number;
  // Peak resident memory of the shim process (VmHWM).
  peakRssBytes: number;
  // user + system CPU time of the shim process (all its threads), microseconds.
  cpuUs: number;
}

// Shim-side events; the runtime republishes them on the exchange in the order received (a
// /tasks/create event needs only containerId and pid: the runtime adds bundle and stdio).
export interface ShimEvent {
  topic: Topic;
  event: Record<string, unknown>;
  // Set on /tasks/exit only: captured pipe output, kept off the public event.
  exit?: ExitResponse;
}

export interface TaskService {
  create(req: CreateTaskRequest): Promise<{ pid: number }>;
  start(id: string): Promise<{ pid: number }>;
  kill(id: string, signal: NodeJS.Signals): Promise<void>;
  wait(id: string): Promise<ExitResponse>;
  delete(id: string): Promise<ExitResponse>;
  state(id: string): Promise<TaskStateResponse>;
  stats(): Promise<ShimStats>;
  shutdown(): Promise<void>;
}

export interface Shim extends TaskService {
  readonly id: string;
  readonly pid: number;
  // Events in the order the shim emitted them.
  onEvent(fn: (e: ShimEvent) => void): void;
  // The shim went away without being shut down (crash, OOM kill, signal).
  onCrash(fn: (reason: string) => void): void;
}

export interface ShimOptions {
  id: string;
  // Tasks per worker thread before it is replaced (bounds per-instance leaks).
  workerMaxTasks?: number;
  workers?: number;
}

// A shim plugin: named by the runtime it serves, e.g. io.containerd.wasi.v1.
export interface ShimManager {
  readonly runtime: string;
  // Tasks a shim should run before the runtime replaces it with a fresh one.
  readonly maxTasksPerShim: number;
  // Of those, tasks with a preopened directory: node:wasi leaks one fd per such instance until
  // its process exits. Unset when replacing the shim would not release them (in-process).
  readonly maxPreopenTasksPerShim?: number;
  start(opts: ShimOptions): Promise<Shim>;
}
