// The shim's worker pool: tasks queue here and go to idle workers in batches. A running
// task can only be stopped by terminating its worker (Wasm code cannot be interrupted), so
// kill terminates the worker, settles the batch from the shared control block, requeues
// the tasks that never started, and starts a replacement. Workers are also replaced after
// maxTasks instances to bound per-instance leaks.
import { messageOf } from '../../../errdefs/errdefs.js';
import { signalExitStatus } from '../../../core/runtime/runtime.js';
import { siblingEntry, startWorker } from '../../../pkg/entry.js';
import { closeSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  BATCH_MAX,
  CTRL_LENGTH,
  CTRL_RUNNING,
  EXIT_INTERNAL,
  ctrlCancel,
  ctrlDone,
  ctrlStatus,
  type FromWorker,
  type ToWorker,
  type WorkItem,
  type WorkResult,
} from './protocol.js';

const workerEntry = siblingEntry(import.meta.url, 'worker');

interface Pending {
  item: WorkItem;
  module: WebAssembly.Module;
  done: (r: WorkResult) => void;
  killedBy?: NodeJS.Signals;
}

interface Slot {
  worker: Worker;
  ctrl: Int32Array;
  modules: Set<string>;
  batch?: { id: number; tasks: Pending[] };
  ran: number;
  retired: boolean;
}

export interface PoolOptions {
  workers: number;
  maxTasks: number;
  scratchDir: string;
}

export class WorkerPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  private nextBatch = 1;
  private spawned = 0;
  private closed = false;
  recycled = 0;
  tasksRun = 0;

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < opts.workers; i++) this.slots.push(this.spawn());
  }

  get workers(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    const control = new SharedArrayBuffer(CTRL_LENGTH * 4);
    const ctrl = new Int32Array(control);
    ctrl[CTRL_RUNNING] = -1;
    const id = ++this.spawned;
    const base = path.join(this.opts.scratchDir, `worker-${process.pid}-${id}`);
    const scratch = { stdout: openSync(`${base}.stdout`, 'a+'), stderr: openSync(`${base}.stderr`, 'a+') };
    const devNull = openSync('/dev/null', 'w');
    const worker = startWorker(workerEntry, { workerData: { control, devNull, scratch } });
    const fds = [scratch.stdout, scratch.stderr, devNull];
    const slot: Slot = { worker, ctrl, modules: new Set(), ran: 0, retired: false };
    worker.once('exit', () => {
      for (const fd of fds) closeSync(fd);
      rmSync(`${base}.stdout`, { force: true });
      rmSync(`${base}.stderr`, { force: true });
    });
    worker.on('message', (m: FromWorker) => this.onResults(slot, m));
    worker.on('error', (err) => this.onWorkerGone(slot, `shim worker thread failed: ${messageOf(err)}`));
    worker.on('exit', (code) => this.onWorkerGone(slot, `shim worker thread exited with code ${code}`));
    return slot;
  }

  submit(item: WorkItem, module: WebAssembly.Module, done: (r: WorkResult) => void): void {
    this.queue.push({ item, module, done });
    this.dispatch();
  }

  kill(id: string, signal: NodeJS.Signals): boolean {
    const qi = this.queue.findIndex((p) => p.item.id === id);
    if (qi !== -1) {
      const [p] = this.queue.splice(qi, 1);
      p!.done({ status: signalExitStatus(signal), error: `killed by ${signal} before it started` });
      return true;
    }
    for (const slot of this.slots) {
      const idx = slot.batch?.tasks.findIndex((p) => p.item.id === id) ?? -1;
      if (idx === -1) continue;
      slot.batch!.tasks[idx]!.killedBy = signal;
      Atomics.store(slot.ctrl, ctrlCancel(idx), 1);
      if (Atomics.load(slot.ctrl, CTRL_RUNNING) === idx) this.retire(slot, `worker terminated to kill task ${id}`);
      return true;
    }
    return false;
  }

  // Settles the slot's batch from the control block and replaces its worker.
  private retire(slot: Slot, why: string): void {
    if (slot.retired) return;
    slot.retired = true;
    const batch = slot.batch;
    slot.batch = undefined;
    void slot.worker.terminate();
    this.recycled++;
    const i = this.slots.indexOf(slot);
    if (!this.closed && i !== -1) this.slots[i] = this.spawn();
    else if (i !== -1) this.slots.splice(i, 1);
    if (batch) {
      const running = Atomics.load(slot.ctrl, CTRL_RUNNING);
      const requeue: Pending[] = [];
      batch.tasks.forEach((p, j) => {
        if (p.killedBy) {
          const started = j === running || Atomics.load(slot.ctrl, ctrlDone(j)) === 1;
          p.done({ status: signalExitStatus(p.killedBy), error: started ? `killed by ${p.killedBy}` : `killed by ${p.killedBy} before it started` });
        } else if (Atomics.load(slot.ctrl, ctrlDone(j)) === 1) {
          // Finished before the kill; its pipe output and error text went down with the worker.
          p.done({ status: Atomics.load(slot.ctrl, ctrlStatus(j)), error: `result details lost: ${why}` });
        } else if (j === running) {
          p.done({ status: EXIT_INTERNAL, error: why });
        } else requeue.push(p);
      });
      this.queue.unshift(...requeue);
    }
    this.dispatch();
  }

  private onWorkerGone(slot: Slot, why: string): void {
    if (!slot.retired) this.retire(slot, why);
  }

  private onResults(slot: Slot, m: FromWorker): void {
    const batch = slot.batch;
    if (!batch || batch.id !== m.batch || slot.retired) return;
    slot.batch = undefined;
    batch.tasks.forEach((p, j) => {
      const r = m.results[j]!;
      if (r.cancelled || p.killedBy) {
        const sig = p.killedBy ?? 'SIGKILL';
        p.done({ status: signalExitStatus(sig), error: r.cancelled ? `killed by ${sig} before it started` : `killed by ${sig}` });
      } else p.done(r);
    });
    this.tasksRun += batch.tasks.length;
    slot.ran += batch.tasks.length;
    if (slot.ran >= this.opts.maxTasks && !this.closed) this.retire(slot, 'recycled after max tasks');
    else this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.batch || slot.retired) continue;
      // Share the queue between idle workers so one batch does not starve the others.
      const idle = this.slots.filter((s) => !s.batch && !s.retired).length;
      const n = Math.min(BATCH_MAX, Math.max(1, Math.ceil(this.queue.length / idle)));
      const tasks = this.queue.splice(0, n);
      for (let j = 0; j < BATCH_MAX; j++) {
        slot.ctrl[ctrlDone(j)] = 0;
        slot.ctrl[ctrlCancel(j)] = 0;
        slot.ctrl[ctrlStatus(j)] = 0;
      }
      for (const p of tasks) {
        if (slot.modules.has(p.item.moduleKey)) continue;
        slot.modules.add(p.item.moduleKey);
        const msg: ToWorker = { type: 'module', key: p.item.moduleKey, module: p.module };
        slot.worker.postMessage(msg);
      }
      const id = this.nextBatch++;
      slot.batch = { id, tasks };
      const msg: ToWorker = { type: 'batch', batch: id, items: tasks.map((p) => p.item) };
      slot.worker.postMessage(msg);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.done({ status: EXIT_INTERNAL, error: 'shim shut down before the task started' });
    const slots = this.slots.splice(0);
    for (const s of slots) s.retired = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const s of slots) for (const p of s.batch?.tasks ?? []) p.done({ status: EXIT_INTERNAL, error: 'shim shut down while the task ran' });
  }
}
