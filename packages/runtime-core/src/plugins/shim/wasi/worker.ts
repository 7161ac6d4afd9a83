// Worker thread of the WASI shim: runs batches of tasks, one WASI preview1 instance each,
// from modules compiled once by the shim's main thread.
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
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

// The pool owns these fds (a terminated worker cannot close anything): /dev/null, and one
// append-mode scratch file per stream for pipe capture, truncated per task.
const { control, devNull, scratch } = workerData as {
  control: SharedArrayBuffer;
  devNull: number;
  scratch: { stdout: number; stderr: number };
};
const ctrl = new Int32Array(control);
const modules = new Map<string, WebAssembly.Module>();

function openTarget(t: StdioTarget, stream: 'stdout' | 'stderr'): number {
  if (t.mode === 'file') return openSync(t.path!, 'w');
  if (t.mode === 'pipe') {
    ftruncateSync(scratch[stream], 0);
    return scratch[stream];
  }
  return devNull;
}

function finishTarget(t: StdioTarget, fd: number): Uint8Array | undefined {
  if (t.mode === 'file') closeSync(fd);
  if (t.mode !== 'pipe') return undefined;
  const size = fstatSync(fd).size;
  const buf = Buffer.allocUnsafe(size);
  let off = 0;
  while (off < size) off += readSync(fd, buf, off, size - off, off);
  return buf;
}

function run(item: WorkItem): WorkResult {
  const module = modules.get(item.moduleKey);
  if (!module) return { status: EXIT_INTERNAL, error: `module ${item.moduleKey} was not loaded into worker ${threadId}` };
  const out = openTarget(item.stdout, 'stdout');
  const err = item.stderr.mode === 'file' && item.stderr.path === item.stdout.path ? out : openTarget(item.stderr, 'stderr');
  let result: WorkResult;
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: item.args,
      env: item.env,
      preopens: item.preopens,
      stdin: devNull,
      stdout: out,
      stderr: err,
      returnOnExit: true,
    });
    const instance = new WebAssembly.Instance(module, wasi.getImportObject() as WebAssembly.Imports);
    result = { status: wasi.start(instance) };
  } catch (e) {
    const trap = e instanceof WebAssembly.RuntimeError;
    const message = trap ? `wasm trap: ${(e as Error).message}` : `instance failed: ${(e as Error).message}`;
    writeSync(err, `${message}\n`);
    result = { status: trap ? EXIT_TRAP : EXIT_INTERNAL, error: message };
  }
  const stdout = finishTarget(item.stdout, out);
  const stderr = err === out ? undefined : finishTarget(item.stderr, err);
  if (stdout) result.stdout = stdout;
  if (stderr) result.stderr = stderr;
  return result;
}

parentPort!.on('message', (msg: ToWorker) => {
  if (msg.type === 'module') {
    modules.set(msg.key, msg.module);
    return;
  }
  const results: WorkResult[] = [];
  msg.items.forEach((item, i) => {
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
