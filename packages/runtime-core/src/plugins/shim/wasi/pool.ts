// The shim's worker pool: tasks queue here and go to workers in batches, up to BATCH_FRAMES
// batches per worker so it never waits for the main thread between batches.
//
// One task must not hold up another. A running Wasm instance cannot be interrupted, so:
// - a watchdog notices a worker that has been on the same task for a tick and takes back the
//   tasks queued behind it (each slot is claimed by compare-and-swap, so a task is either run
//   by that worker or taken back, never both) and hands them to other workers, starting extra
//   ones (up to maxWorkers) when every worker is busy with a long task;
// - kill takes a task back if it has not started, and otherwise takes back everything queued
//   behind it and terminates its worker, which can then be running nothing but that task.
// Workers are also replaced after maxTasks instances to bound per-instance leaks: they get no
// more work and are retired once their batches are done.
import { messageOf } from '../../../errdefs/errdefs.js';
import { signalExitStatus } from '../../../core/runtime/runtime.js';
import { siblingEntry, startWorker } from '../../../pkg/entry.js';
import { closeSync, openSync, unlinkSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { CompiledModule } from './modcache.js';
import {
  BATCH_FRAMES,
  BATCH_MAX,
  CTRL_LENGTH,
  CTRL_RUNNING,
  CTRL_STARTS,
  EXIT_INTERNAL,
  SLOT_CANCELLED,
  SLOT_DONE,
  SLOT_PENDING,
  SLOT_RUNNING,
  ctrlState,
  ctrlStatus,
  type FromWorker,
  type ToWorker,
  type WorkItem,
  type WorkResult,
} from './protocol.js';

const workerEntry = siblingEntry(import.meta.url, 'worker');

// How often the watchdog looks; a worker on the same task for a whole tick is "busy".
export const WATCHDOG_TICK_MS = 20;
// Ticks every worker must have been busy before an extra worker is started.
const EXTRA_WORKER_TICKS = 3;

interface Pending {
  item: WorkItem;
  compiled: CompiledModule;
  done: (r: WorkResult) => void;
  settled?: boolean;
  // Taken back from a worker and queued again: that worker's result for it is ignored.
  moved?: boolean;
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
  // Watchdog: tasks started when last looked, and for how many ticks the same one has run.
  lastStarts: number;
  busyTicks: number;
  // Settled once the thread has booted (or died trying).
  booted: Promise<void>;
}

export interface PoolOptions {
  workers: number;
  // Upper bound on workers, extra ones included (started while every worker is busy).
  maxWorkers?: number;
  maxTasks: number;
  memoryLimitMiB?: number;
  // Per captured stream; output past it is dropped (and counted).
  pipeLimitBytes: number;
}

export class WorkerPool {
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[] = [];
  private nextBatch = 1;
  private closed = false;
  private dispatchQueued = false;
  private watchdog: NodeJS.Timeout | undefined;
  recycled = 0;
  tasksRun = 0;
  extraWorkersStarted = 0;

  // Settled once a worker has booted (they boot side by side): a shim that reports ready before
  // any thread has loaded would queue its first tasks behind thread start-up.
  readonly ready: Promise<void>;

  constructor(private readonly opts: PoolOptions) {
    for (let i = 0; i < opts.workers; i++) this.slots.push(this.spawn());
    this.ready = this.slots.length > 0 ? Promise.race(this.slots.map((s) => s.booted)) : Promise.resolve();
  }

  get workers(): number {
    return this.slots.length;
  }

  private get maxWorkers(): number {
    return Math.max(this.opts.workers, this.opts.maxWorkers ?? this.opts.workers);
  }

  private spawn(): Slot {
    const control = new SharedArrayBuffer(CTRL_LENGTH * 4);
    const ctrl = new Int32Array(control);
    ctrl[CTRL_RUNNING] = -1;
    const devNull = openSync('/dev/null', 'r+');
    const worker = startWorker(workerEntry, {
      workerData: { control, devNull, memoryLimitMiB: this.opts.memoryLimitMiB, pipeLimitBytes: this.opts.pipeLimitBytes },
    });
    let booted!: () => void;
    const slot: Slot = {
      worker,
      ctrl,
      modules: new Set(),
      batches: [],
      assigned: 0,
      retired: false,
      lastStarts: 0,
      busyTicks: 0,
      booted: new Promise((resolve) => (booted = resolve)),
    };
    worker.once('exit', () => {
      booted();
      closeSync(devNull);
    });
    worker.on('message', (m: FromWorker) => (m.type === 'ready' ? booted() : this.onResults(slot, m)));
    worker.on('error', (err) => this.retire(slot, `shim worker thread failed: ${messageOf(err)}`));
    worker.on('exit', (code) => this.retire(slot, `shim worker thread exited with code ${code}`));
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

  // Takes every not yet started slot of the worker back; returns them in order.
  private takeBack(slot: Slot): Pending[] {
    const out: Pending[] = [];
    for (const b of slot.batches) {
      b.tasks.forEach((p, j) => {
        if (p.settled || p.moved) return;
        if (Atomics.compareExchange(slot.ctrl, ctrlState(b.frame * BATCH_MAX + j), SLOT_PENDING, SLOT_CANCELLED) !== SLOT_PENDING) return;
        p.moved = true;
        out.push({ item: p.item, compiled: p.compiled, done: p.done });
      });
    }
    return out;
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
        const j = b.tasks.findIndex((p) => p.item.id === id && !p.settled && !p.moved);
        if (j === -1) continue;
        const p = b.tasks[j]!;
        const g = b.frame * BATCH_MAX + j;
        if (Atomics.compareExchange(slot.ctrl, ctrlState(g), SLOT_PENDING, SLOT_CANCELLED) === SLOT_PENDING) {
          this.settle(p, { status: signalExitStatus(signal), error: `killed by ${signal} before it started` });
          return true;
        }
        // Started. Take back what waits behind it; then, if it still runs, the worker is running
        // nothing else and goes down with it.
        this.queue.unshift(...this.takeBack(slot));
        if (Atomics.load(slot.ctrl, ctrlState(g)) === SLOT_RUNNING) {
          p.killedBy = signal;
          this.retire(slot, `worker terminated to kill task ${id}`);
        } else {
          this.dispatch(); // it finished meanwhile: its own result is on the way
        }
        return true;
      }
    }
    return false;
  }

  // Replaces the slot's worker (terminating it) and settles or requeues its tasks.
  private retire(slot: Slot, why: string): void {
    if (slot.retired) return;
    slot.retired = true;
    this.recycled++;
    const requeue = this.takeBack(slot);
    const i = this.slots.indexOf(slot);
    if (!this.closed && i !== -1 && this.slots.length <= this.opts.workers) this.slots[i] = this.spawn();
    else if (i !== -1) this.slots.splice(i, 1);
    // Fates decided now: the killed or running task, and finished ones that carried only a status.
    // The files the worker opened are closed by Node when the thread ends.
    const undecided: { p: Pending; g: number }[] = [];
    const interrupted: Pending[] = [];
    for (const b of slot.batches) {
      b.tasks.forEach((p, j) => {
        if (p.settled || p.moved) return;
        const g = b.frame * BATCH_MAX + j;
        const state = Atomics.load(slot.ctrl, ctrlState(g));
        if (state === SLOT_DONE) {
          this.settle(p, { status: Atomics.load(slot.ctrl, ctrlStatus(g)) });
        } else if (state === SLOT_RUNNING) {
          interrupted.push(p);
          const r = p.killedBy ? { status: signalExitStatus(p.killedBy), error: `killed by ${p.killedBy}` } : { status: EXIT_INTERNAL, error: why };
          this.settle(p, r);
        } else {
          undecided.push({ p, g });
        }
      });
    }
    this.queue.unshift(...requeue);
    this.dispatch();
    // A finished task's output may still be in the worker's message queue: wait for the
    // thread to end, let its messages arrive, then settle what is left.
    void slot.worker.terminate().then(() =>
      setImmediate(() => {
        for (const p of interrupted) this.dropSpills(p);
        for (const { p, g } of undecided) {
          if (p.settled) continue;
          this.dropSpills(p);
          this.settle(p, { status: Atomics.load(slot.ctrl, ctrlStatus(g)), error: `output lost: ${why}` });
        }
        slot.batches = [];
      }),
    );
  }

  private onResults(slot: Slot, m: Extract<FromWorker, { type: 'results' }>): void {
    const batch = slot.batches.find((b) => b.id === m.batch);
    if (!batch) return;
    for (const [j, r] of m.results) {
      const p = batch.tasks[j]!;
      if (p.settled || p.moved) continue;
      this.settle(p, r);
    }
    if (!m.end || slot.retired) return;
    slot.batches.splice(slot.batches.indexOf(batch), 1);
    this.tasksRun += batch.tasks.filter((p) => !p.moved).length;
    if (slot.batches.length === 0) slot.busyTicks = 0;
    if (slot.batches.length === 0 && this.slots.length > this.opts.workers && !this.slots.some((s) => this.busy(s))) {
      this.stop(slot); // an extra worker, no longer needed
    } else if (slot.assigned >= this.opts.maxTasks && slot.batches.length === 0 && !this.closed) {
      this.retire(slot, 'recycled after max tasks');
    } else {
      this.dispatch();
    }
  }

  private stop(slot: Slot): void {
    slot.retired = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }

  private busy(s: Slot): boolean {
    return s.busyTicks > 0 && !s.retired;
  }

  private tick(): void {
    let allBusy = this.slots.length > 0;
    let stolen = false;
    for (const s of this.slots) {
      const starts = Atomics.load(s.ctrl, CTRL_STARTS);
      const running = Atomics.load(s.ctrl, CTRL_RUNNING);
      s.busyTicks = running !== -1 && starts === s.lastStarts ? s.busyTicks + 1 : 0;
      s.lastStarts = starts;
      if (s.busyTicks === 0) allBusy = false;
      else {
        const back = this.takeBack(s);
        if (back.length > 0) {
          this.queue.unshift(...back);
          stolen = true;
        }
      }
    }
    const waiting = this.queue.length > 0;
    if (waiting && allBusy && this.slots.every((s) => s.busyTicks >= EXTRA_WORKER_TICKS) && this.slots.length < this.maxWorkers && !this.closed) {
      this.slots.push(this.spawn());
      this.extraWorkersStarted++;
    }
    if (stolen || waiting) this.dispatch();
    if (!this.slots.some((s) => s.batches.length > 0) && this.queue.length === 0) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
    }
  }

  // The spill files of a task whose result will never be read.
  private dropSpills(p: Pending): void {
    for (const t of [p.item.stdout, p.item.stderr]) {
      if (t.mode !== 'pipe') continue;
      try {
        unlinkSync(t.path!);
      } catch {
        // never spilled
      }
    }
  }

  private settle(p: Pending, r: WorkResult): void {
    if (p.settled) return;
    p.settled = true;
    p.done(r);
  }

  private dispatch(): void {
    // Fill the emptiest workers first; share the queue between them so one batch does not
    // starve the others. A worker busy with a long task gets nothing more.
    const open = (s: Slot) => !s.retired && s.busyTicks === 0 && s.batches.length < BATCH_FRAMES && s.assigned < this.opts.maxTasks;
    for (const slot of [...this.slots].sort((a, b) => a.batches.length - b.batches.length)) {
      if (this.queue.length === 0) break;
      if (!open(slot)) continue;
      const takers = this.slots.filter(open).length;
      const n = Math.min(BATCH_MAX, this.opts.maxTasks - slot.assigned, Math.max(1, Math.ceil(this.queue.length / takers)));
      const tasks = this.queue.splice(0, n);
      // The worker is done with a frame once its batch ended, so the frame can be reset.
      const frame = [...Array(BATCH_FRAMES).keys()].find((f) => !slot.batches.some((b) => b.frame === f))!;
      for (let j = 0; j < BATCH_MAX; j++) {
        const g = frame * BATCH_MAX + j;
        slot.ctrl[ctrlState(g)] = SLOT_PENDING;
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
    if (!this.watchdog && !this.closed && this.slots.some((s) => s.batches.length > 0)) {
      this.watchdog = setInterval(() => this.tick(), WATCHDOG_TICK_MS);
      this.watchdog.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const p of this.queue.splice(0)) this.settle(p, { status: EXIT_INTERNAL, error: 'shim shut down before the task started' });
    const slots = this.slots.splice(0);
    for (const s of slots) s.retired = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const s of slots) {
      for (const p of s.batches.flatMap((b) => b.tasks)) if (!p.moved) this.settle(p, { status: EXIT_INTERNAL, error: 'shim shut down while the task ran' });
    }
  }
}
