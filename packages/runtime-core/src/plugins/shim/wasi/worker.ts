// Worker thread of the WASI shim: runs batches of tasks, one WASI preview1 instance each,
// from modules compiled once by the shim's main thread.
import { writeSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import {
  CTRL_RUNNING,
  EXIT_INTERNAL,
  EXIT_TRAP,
  ctrlCancel,
  ctrlDone,
  ctrlStatus,
  type FromWorker,
  type StdioTarget,
  type ToWorker,
  type WorkItem,
  type WorkResult,
} from './protocol.js';
import { Capture } from './capture.js';
import type { CompiledModule } from './modcache.js';
import { MemoryPool, POOLED_MEMORY_MODULE, POOLED_MEMORY_NAME } from './memory_pool.js';

// The pool owns this fd (a terminated worker cannot close anything): /dev/null, for stdin,
// "null" streams, and under captured "pipe" streams.
const { control, devNull, memoryLimitMiB } = workerData as { control: SharedArrayBuffer; devNull: number; memoryLimitMiB?: number };
const ctrl = new Int32Array(control);
const modules = new Map<string, CompiledModule>();
const memories = new MemoryPool();

const STDOUT_FD = 1;
const STDERR_FD = 2;

function run(item: WorkItem): WorkResult {
  const compiled = modules.get(item.moduleKey);
  if (!compiled) return { status: EXIT_INTERNAL, error: `module ${item.moduleKey} was not loaded into worker ${threadId}` };
  const fdOf = (t: StdioTarget) => (t.mode === 'file' ? t.fd! : devNull);
  const out: Buffer[] | undefined = item.stdout.mode === 'pipe' ? [] : undefined;
  const err: Buffer[] | undefined = item.stderr.mode === 'pipe' ? [] : undefined;
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
      stdin: devNull,
      stdout: fdOf(item.stdout),
      stderr: fdOf(item.stderr),
      returnOnExit: true,
    });
    const imports = wasi.getImportObject() as Record<string, WebAssembly.ModuleImports>;
    let memory: WebAssembly.Memory | undefined;
    if (out || err) {
      const streams: Record<number, Buffer[]> = {};
      if (out) streams[STDOUT_FD] = out;
      if (err) streams[STDERR_FD] = err;
      const ns = Object.keys(imports)[0]!;
      imports[ns] = new Capture(streams).wrap(imports[ns] as never, () => memory!);
    }
    if (pooled) imports[POOLED_MEMORY_MODULE] = { [POOLED_MEMORY_NAME]: pooled };
    const instance = new WebAssembly.Instance(module, imports);
    // The module cache checked that every module exports its memory.
    memory = instance.exports.memory as WebAssembly.Memory;
    result = { status: wasi.start(instance) };
  } catch (e) {
    const message = failureMessage(e);
    const trap = message.startsWith('wasm trap:');
    if (err) err.push(Buffer.from(`${message}\n`));
    else writeSync(fdOf(item.stderr), `${message}\n`);
    result = { status: trap ? EXIT_TRAP : EXIT_INTERNAL, error: message };
  }
  if (pooled) memories.give(pooledMemory!, pooled);
  if (out) result.stdout = joined(out);
  if (err) result.stderr = joined(err);
  return result;
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

// An exact-size copy: Buffer.concat may return a slice of Node's shared 8 KiB pool, and
// postMessage would clone the whole pool slab with it.
function joined(chunks: Buffer[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

parentPort!.on('message', (msg: ToWorker) => {
  if (msg.type === 'module') {
    const { type: _, ...compiled } = msg;
    modules.set(msg.key, compiled);
    return;
  }
  const results: WorkResult[] = [];
  msg.items.forEach((item, j) => {
    const i = msg.base + j;
    // Publish the slot before checking cancel: the pool either sees it running or we see the cancel.
    Atomics.store(ctrl, CTRL_RUNNING, i);
    if (Atomics.load(ctrl, ctrlCancel(i)) === 1) {
      results.push({ status: 0, cancelled: true });
    } else {
      let r: WorkResult;
      try {
        r = run(item);
      } catch (e) {
        r = { status: EXIT_INTERNAL, error: `shim worker: ${(e as Error).message}` };
      }
      results.push(r);
      Atomics.store(ctrl, ctrlStatus(i), r.status);
    }
    Atomics.store(ctrl, ctrlDone(i), 1);
  });
  Atomics.store(ctrl, CTRL_RUNNING, -1);
  const reply: FromWorker = { type: 'results', batch: msg.batch, results };
  parentPort!.postMessage(reply);
});
