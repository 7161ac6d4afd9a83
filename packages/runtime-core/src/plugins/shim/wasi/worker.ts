// Worker thread of the WASI shim: runs batches of tasks, one WASI preview1 instance each,
// from modules compiled once by the shim's main thread. Before running a slot it claims it in
// the shared control block, so the pool can take back any slot not yet started (to hand it to
// another worker, or to kill it) while this thread is busy with a long task.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { WASI } from 'node:wasi';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import {
  CTRL_RUNNING,
  CTRL_STARTS,
  EXIT_INTERNAL,
  EXIT_TRAP,
  SLOT_DONE,
  SLOT_PENDING,
  SLOT_POSTED,
  SLOT_RUNNING,
  ctrlState,
  ctrlStatus,
  type FromWorker,
  type StdioTarget,
  type ToWorker,
  type WorkItem,
  type WorkResult,
} from './protocol.js';
import { Capture, Sink } from './capture.js';
import { PathGuard } from './pathguard.js';
import { wrapPoll } from './poll.js';
import type { CompiledModule } from './modcache.js';
import { MemoryPool, POOLED_MEMORY_MODULE, POOLED_MEMORY_NAME } from './memory_pool.js';

// The pool owns this fd (a terminated worker cannot close anything): /dev/null, for stdin,
// "null" streams, and under captured "pipe" streams.
const { control, devNull, memoryLimitMiB, pipeLimitBytes } = workerData as {
  control: SharedArrayBuffer;
  devNull: number;
  memoryLimitMiB?: number;
  pipeLimitBytes: number;
};
const ctrl = new Int32Array(control);
const modules = new Map<string, CompiledModule>();
const memories = new MemoryPool();

const STDOUT_FD = 1;
const STDERR_FD = 2;

function sink(t: StdioTarget): Sink | undefined {
  return t.mode === 'pipe' ? new Sink(pipeLimitBytes, t.path!) : undefined;
}

// Opens the task's stdin and "file" streams (making the bundle directory).
function openStdio(item: WorkItem): [number, number, number] {
  const fds: [number, number, number] = [devNull, devNull, devNull];
  const open = (i: number, file: string, flags: string) => (fds[i] = openSync(file, flags));
  try {
    if (item.stdin.path !== undefined) open(0, item.stdin.path, 'r');
    let made = false;
    [item.stdout, item.stderr].forEach((t, i) => {
      if (t.mode !== 'file') return;
      if (!made) mkdirSync(path.dirname(t.path!), { recursive: true });
      made = true;
      open(i + 1, t.path!, 'w');
    });
  } catch (e) {
    closeStdio(fds);
    throw e;
  }
  return fds;
}

function closeStdio(fds: [number, number, number]): void {
  for (const fd of fds) if (fd !== devNull) closeSync(fd);
}

function run(item: WorkItem): WorkResult {
  const compiled = modules.get(item.moduleKey);
  if (!compiled) return { status: EXIT_INTERNAL, error: `module ${item.moduleKey} was not loaded into worker ${threadId}` };
  let stdio: [number, number, number];
  try {
    stdio = openStdio(item);
  } catch (e) {
    return { status: EXIT_INTERNAL, error: `cannot open task stdio: ${(e as Error).message}` };
  }
  try {
    return runOpen(item, compiled, stdio);
  } finally {
    closeStdio(stdio);
  }
}

function runOpen(item: WorkItem, compiled: CompiledModule, stdio: [number, number, number]): WorkResult {
  const fdOf = (t: StdioTarget) => (t === item.stdout ? stdio[1] : stdio[2]);
  const out = sink(item.stdout);
  const err = sink(item.stderr);
  let result: WorkResult;
  const { module, pooledMemory } = compiled;
  let pooled: WebAssembly.Memory | undefined;
  try {
    // Inside the try: a memory bigger than memoryLimitMiB fails here as instantiation would.
    if (pooledMemory) pooled = memories.take(pooledMemory);
    const wasi = new WASI({
      version: 'preview1',
      args: item.args,
      env: item.env,
      preopens: item.preopens,
      stdin: stdio[0],
      stdout: fdOf(item.stdout),
      stderr: fdOf(item.stderr),
      returnOnExit: true,
    });
    const imports = wasi.getImportObject() as Record<string, WebAssembly.ModuleImports>;
    let memory: WebAssembly.Memory | undefined;
    const ns = Object.keys(imports)[0]!;
    if (compiled.polls) wrapPoll(imports[ns] as Record<string, unknown>, () => memory!);
    if (out || err) {
      const streams: Record<number, Sink> = {};
      if (out) streams[STDOUT_FD] = out;
      if (err) streams[STDERR_FD] = err;
      imports[ns] = new Capture(streams).wrap(imports[ns] as never, () => memory!);
    }
    // node:wasi lets the host kernel follow symlinks out of a preopened directory.
    if (compiled.usesPaths && hasPreopens(item)) imports[ns] = new PathGuard(item.preopens).wrap(imports[ns] as never, () => memory!) as WebAssembly.ModuleImports;
    if (pooled) imports[POOLED_MEMORY_MODULE] = { [POOLED_MEMORY_NAME]: pooled };
    const instance = new WebAssembly.Instance(module, imports);
    // The module cache checked that every module exports its memory.
    memory = instance.exports.memory as WebAssembly.Memory;
    result = { status: wasi.start(instance) };
  } catch (e) {
    const message = failureMessage(e);
    if (err) err.write(Buffer.from(`${message}\n`));
    else writeSync(fdOf(item.stderr), `${message}\n`);
    result = { status: message.startsWith('wasm trap:') ? EXIT_TRAP : EXIT_INTERNAL, error: message };
  }
  if (pooled) memories.give(pooledMemory!, pooled);
  if (out) result.stdout = out.finish('stdout');
  if (err) result.stderr = err.finish('stderr');
  return result;
}

function hasPreopens(item: WorkItem): boolean {
  for (const _ in item.preopens) return true;
  return false;
}

// A trap (134) is the guest's own fault, stack exhaustion included (V8 throws a RangeError for
// it); anything else failed the instance (255).
function failureMessage(e: unknown): string {
  const text = (e as Error).message;
  if (e instanceof WebAssembly.RuntimeError) return `wasm trap: ${text}`;
  if (e instanceof RangeError && /call stack size/i.test(text)) return `wasm trap: call stack exhausted (${text})`;
  if (e instanceof RangeError && /allocate (wasm )?memory/i.test(text) && memoryLimitMiB !== undefined) {
    return `instance failed: ${text} (the shim's memoryLimitMiB is ${memoryLimitMiB})`;
  }
  return `instance failed: ${text}`;
}

// A result with output or error text would be lost with this thread: it goes out at once.
// Status-only results wait for the end of the batch (the status is in the control block).
const hasDetails = (r: WorkResult) => r.error !== undefined || (r.stdout !== undefined && (r.stdout.bytes?.length || r.stdout.file)) || (r.stderr !== undefined && (r.stderr.bytes?.length || r.stderr.file));

function post(m: FromWorker): void {
  parentPort!.postMessage(m);
}

parentPort!.on('message', (msg: ToWorker) => {
  if (msg.type === 'module') {
    const { type: _, ...compiled } = msg;
    modules.set(msg.key, compiled);
    return;
  }
  let pending: [number, WorkResult][] = [];
  msg.items.forEach((item, j) => {
    const g = msg.base + j;
    // The pool may have taken the slot back (another worker runs it, or it was killed).
    if (Atomics.compareExchange(ctrl, ctrlState(g), SLOT_PENDING, SLOT_RUNNING) !== SLOT_PENDING) return;
    Atomics.store(ctrl, CTRL_RUNNING, g);
    Atomics.add(ctrl, CTRL_STARTS, 1);
    let r: WorkResult;
    try {
      r = run(item);
    } catch (e) {
      r = { status: EXIT_INTERNAL, error: `shim worker: ${(e as Error).message}` };
    }
    Atomics.store(ctrl, ctrlStatus(g), r.status);
    pending.push([j, r]);
    if (hasDetails(r)) {
      Atomics.store(ctrl, ctrlState(g), SLOT_POSTED);
      post({ type: 'results', batch: msg.batch, results: pending, end: false });
      pending = [];
    } else {
      Atomics.store(ctrl, ctrlState(g), SLOT_DONE);
    }
  });
  Atomics.store(ctrl, CTRL_RUNNING, -1);
  post({ type: 'results', batch: msg.batch, results: pending, end: true });
});
post({ type: 'ready' });
