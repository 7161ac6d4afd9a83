// The shim's worker pool: tasks queue here and go to workers in batches, up to BATCH_FRAMES
// batches per worker so it never waits for the main thread between batches. A running
// task can only be stopped by terminating its worker (Wasm code cannot be interrupted), so
// kill terminates the worker, settles its batches from the shared control block, requeues
// the tasks that never started, and starts a replacement. Workers are also replaced after
// maxTasks instances to bound per-instance leaks: they get no more work and are retired
// once their batches are done.
import { messageOf } from '../../../errdefs/errdefs.js';
import { signalExitStatus } from '../../../core/runtime/runtime.js';
import { siblingEntry, startWorker } from '../../../pkg/entry.js';
import { closeSync, openSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { CompiledModule } from './modcache.js';
import {
  BATCH_FRAMES,
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
  compiled: CompiledModule;
  done: (r: WorkResult) => void;
  killedBy?: NodeJS.Signals;
}

interface Batch {
  id: number;
  frame: number;
  tasks: Pending[];
}

interface Slot {
  worker: Worker;
  ctrl: Int32Array;
  modules: Set<string>;
  // In the order the worker runs them.
  batches: Batch[];
  assigned: number;
  retired: boolean;
}

export interface PoolOptions {
  workers: number;
  maxTasks: number;
  memoryLimitMiB?: number;
}

export class WorkerPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  private nextBatch = 1;
  private closed = false;
  private dispatchQueued = false;
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
    const devNull = openSync('/dev/null', 'w');
    const worker = startWorker(workerEntry, { workerData: { control, devNull, memoryLimitMiB: this.opts.memoryLimitMiB } });
    const slot: Slot = { worker, ctrl, modules: new Set(), batches: [], assigned: 0, retired: false };
    worker.once('exit', () => closeSync(devNull));
    worker.on('message', (m: FromWorker) => this.onResults(slot, m));
    worker.on('error', (err) => this.onWorkerGone(slot, `shim worker thread failed: ${messageOf(err)}`));
    worker.on('exit', (code) => this.onWorkerGone(slot, `shim worker thread exited with code ${code}`));
    return slot;
  }

  submit(item: WorkItem, compiled: CompiledModule, done: (r: WorkResult) => void): void {
    this.queue.push({ item, compiled, done });
    // Starts arrive in bursts (one IPC read carries many): batch the whole burst.
    if (this.dispatchQueued) return;
    this.dispatchQueued = true;
    queueMicrotask(() => {
      this.dispatchQueued = false;
      this.dispatch();
    });
  }

  kill(id: string, signal: NodeJS.Signals): boolean {
    const qi = this.queue.findIndex((p) => p.item.id === id);
    if (qi !== -1) {
      const [p] = this.queue.splice(qi, 1);
      this.settle(p!, { status: signalExitStatus(signal), error: `killed by ${signal} before it started` });
      return true;
    }
    for (const slot of this.slots) {
      for (const b of slot.batches) {
        const j = b.tasks.findIndex((p) => p.item.id === id);
        if (j === -1) continue;
        const g = b.frame * BATCH_MAX + j;
        b.tasks[j]!.killedBy = signal;
        Atomics.store(slot.ctrl, ctrlCancel(g), 1);
        if (Atomics.load(slot.ctrl, CTRL_RUNNING) === g) this.retire(slot, `worker terminated to kill task ${id}`);
        return true;
      }
    }
    return false;
  }

  // Settles the slot's batches from the control block and replaces its worker.
  private retire(slot: Slot, why: string): void {
    if (slot.retired) return;
    slot.retired = true;
    const batches = slot.batches.splice(0);
    void slot.worker.terminate();
    this.recycled++;
    const i = this.slots.indexOf(slot);
    if (!this.closed && i !== -1) this.slots[i] = this.spawn();
    else if (i !== -1) this.slots.splice(i, 1);
    const running = Atomics.load(slot.ctrl, CTRL_RUNNING);
    const requeue: Pending[] = [];
    for (const b of batches) {
      b.tasks.forEach((p, j) => {
        const g = b.frame * BATCH_MAX + j;
        const done = Atomics.load(slot.ctrl, ctrlDone(g)) === 1;
        if (p.killedBy) {
          const started = g === running || done;
          this.settle(p, { status: signalExitStatus(p.killedBy), error: started ? `killed by ${p.killedBy}` : `killed by ${p.killedBy} before it started` });
        } else if (done) {
          // Finished before the kill; its pipe output and error text went down with the worker.
          this.settle(p, { status: Atomics.load(slot.ctrl, ctrlStatus(g)), error: `result details lost: ${why}` });
        } else if (g === running) {
          this.settle(p, { status: EXIT_INTERNAL, error: why });
        } else {
          this.closeStdio(p);
          requeue.push(p);
        }
      });
    }
    this.queue.unshift(...requeue);
    this.dispatch();
  }

  private onWorkerGone(slot: Slot, why: string): void {
    if (!slot.retired) this.retire(slot, why);
  }

  private onResults(slot: Slot, m: FromWorker): void {
    const batch = slot.batches[0];
    if (!batch || batch.id !== m.batch || slot.retired) return;
    slot.batches.shift();
    batch.tasks.forEach((p, j) => {
      const r = m.results[j]!;
      if (r.cancelled || p.killedBy) {
        const sig = p.killedBy ?? 'SIGKILL';
        this.settle(p, { status: signalExitStatus(sig), error: r.cancelled ? `killed by ${sig} before it started` : `killed by ${sig}` });
      } else this.settle(p, r);
    });
    this.tasksRun += batch.tasks.length;
    if (slot.assigned >= this.opts.maxTasks && slot.batches.length === 0 && !this.closed) this.retire(slot, 'recycled after max tasks');
    else this.dispatch();
  }

  // "file" streams are opened when a task goes to a worker, so open files are bounded by the
  // batches in flight rather than the queue, and closed here when it settles: a terminated
  // worker cannot close anything. False (task settled) when a file cannot be opened.
  private openStdio(p: Pending): boolean {
    try {
      for (const t of [p.item.stdout, p.item.stderr]) if (t.mode === 'file') t.fd = openSync(t.path!, 'w');
      return true;
    } catch (err) {
      this.settle(p, { status: EXIT_INTERNAL, error: `cannot open task output: ${messageOf(err)}` });
      return false;
    }
  }

  private closeStdio(p: Pending): void {
    for (const t of [p.item.stdout, p.item.stderr]) {
      if (t.fd === undefined) continue;
      closeSync(t.fd);
      delete t.fd;
    }
  }

  private settle(p: Pending, r: WorkResult): void {
    this.closeStdio(p);
    p.done(r);
  }

  private dispatch(): void {
    // Fill the emptiest workers first; share the queue between them so one batch does not
    // starve the others.
    const open = (s: Slot) => !s.retired && s.batches.length < BATCH_FRAMES && s.assigned < this.opts.maxTasks;
    for (const slot of [...this.slots].sort((a, b) => a.batches.length - b.batches.length)) {
      if (this.queue.length === 0) return;
      if (!open(slot)) continue;
      const takers = this.slots.filter(open).length;
      const n = Math.min(BATCH_MAX, this.opts.maxTasks - slot.assigned, Math.max(1, Math.ceil(this.queue.length / takers)));
      let tasks: Pending[] = [];
      while (tasks.length === 0 && this.queue.length > 0) tasks = this.queue.splice(0, n).filter((p) => this.openStdio(p));
      if (tasks.length === 0) return;
      // The worker is done with a frame once its results came back, so it can be reset.
      const frame = [...Array(BATCH_FRAMES).keys()].find((f) => !slot.batches.some((b) => b.frame === f))!;
      for (let j = 0; j < BATCH_MAX; j++) {
        const g = frame * BATCH_MAX + j;
        slot.ctrl[ctrlDone(g)] = 0;
        slot.ctrl[ctrlCancel(g)] = 0;
        slot.ctrl[ctrlStatus(g)] = 0;
      }
      for (const p of tasks) {
        if (slot.modules.has(p.item.moduleKey)) continue;
        slot.modules.add(p.item.moduleKey);
        const msg: ToWorker = { type: 'module', ...p.compiled };
        slot.worker.postMessage(msg);
      }
      const id = this.nextBatch++;
      slot.batches.push({ id, frame, tasks });
      slot.assigned += tasks.length;
      const msg: ToWorker = { type: 'batch', batch: id, base: frame * BATCH_MAX, items: tasks.map((p) => p.item) };
      slot.worker.postMessage(msg);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) this.settle(p, { status: EXIT_INTERNAL, error: 'shim shut down before the task started' });
    const slots = this.slots.splice(0);
    for (const s of slots) s.retired = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const s of slots) for (const p of s.batches.flatMap((b) => b.tasks)) this.settle(p, { status: EXIT_INTERNAL, error: 'shim shut down while the task ran' });
  }
}
