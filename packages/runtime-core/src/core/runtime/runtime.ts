// containerd core/runtime (v2): the platform runtime creates tasks through shims and
// exposes them with containerd's lifecycle: create -> start -> wait/kill -> delete.
import type { Digest } from '../../digest/digest.js';

export type Status = 'created' | 'running' | 'stopped' | 'unknown';

// Where a task's stdout/stderr go. "file" writes <bundle>/stdout|stderr; "pipe" carries the
// bytes back over the shim channel and hands them over with the exit (node:wasi writes to a
// raw fd synchronously inside the worker, so this is buffered, not a streaming pipe);
// "null" discards.
export type IOMode = 'file' | 'pipe' | 'null';
export interface IOConfig {
  stdout: IOMode;
  stderr: IOMode;
}

export interface Exit {
  pid: number;
  status: number;
  exitedAt: Date;
  // Why the task ended abnormally: a trap, a kill, a shim crash.
  error?: string;
  stdout?: Buffer;
  stderr?: Buffer;
  // Bytes of "pipe" output dropped past the shim's capture limit (the kept output ends with a
  // marker line saying so).
  truncated?: { stdout?: number; stderr?: number };
}

export interface State {
  id: string;
  pid: number;
  status: Status;
  bundle: string;
  stdout?: string;
  stderr?: string;
  exitStatus?: number;
  exitedAt?: Date;
}

// The process spec, reduced to what a WASI preview1 task can use.
export interface Spec {
  args: string[];
  env: string[];
  module: { path: string; digest: Digest };
  // Directory preopened at "/" for the task; absent for bare Wasm artifacts.
  rootfs?: string;
  // More preopened directories: host directory (the task's own copy) -> guest path.
  dirs?: { host: string; guest: string }[];
  // A file the task reads as stdin; /dev/null when absent.
  stdin?: string;
}

export interface CreateOpts {
  spec: Spec;
  runtime: string;
  sandboxId?: string;
  io?: Partial<IOConfig>;
  labels?: Record<string, string>;
  // Called before the bundle is removed on delete (e.g. to drop the task's snapshot).
  onDelete?: () => Promise<void>;
}

export interface Task {
  readonly id: string;
  readonly pid: number;
  readonly runtime: string;
  readonly sandboxId?: string;
  readonly labels: Record<string, string>;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  wait(): Promise<Exit>;
  state(): Promise<State>;
  delete(): Promise<Exit>;
}

export interface PlatformRuntime {
  id(): string;
  create(id: string, opts: CreateOpts): Promise<Task>;
  get(id: string): Task;
  tasks(...filters: string[]): Promise<Task[]>;
}

export const SignalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

// Exit statuses follow the shell convention for signals (128 + n), as containerd reports them.
export function signalExitStatus(signal: NodeJS.Signals): number {
  return 128 + (SignalNumbers[signal] ?? 15);
}
