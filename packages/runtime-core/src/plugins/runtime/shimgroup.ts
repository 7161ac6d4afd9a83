// The shims serving one sandbox (or the runtime's default group): new tasks go to the
// current shim; once it has taken maxTasksPerShim tasks, or maxPreopenTasksPerShim tasks with
// a preopened directory, it is retired — it finishes the tasks it has and is shut down when
// the last is deleted — and a successor takes over.
// The successor is started ahead of time so the switch does not stall task creation.
import type { Shim, ShimManager } from '../../core/shim/shim.js';

export interface ShimHandle {
  shim: Shim;
  assigned: number;
  preopenTasks: number;
  live: Set<string>;
  retired: boolean;
}

export class ShimGroup {
  private current: Promise<ShimHandle> | undefined;
  private next: Promise<ShimHandle> | undefined;
  readonly handles = new Set<ShimHandle>();
  private seq = 0;

  constructor(
    readonly id: string,
    private readonly manager: ShimManager,
    private readonly onShim: (h: ShimHandle) => void,
  ) {}

  private launch(): Promise<ShimHandle> {
    const p = this.manager.start({ id: `${this.id}-${++this.seq}` }).then((shim) => {
      const h: ShimHandle = { shim, assigned: 0, preopenTasks: 0, live: new Set(), retired: false };
      this.handles.add(h);
      this.onShim(h);
      return h;
    });
    p.catch(() => undefined); // surfaced to the caller of acquire
    return p;
  }

  // Returns the shim for a new task and counts the task against it.
  async acquire(taskId: string, preopens: boolean): Promise<ShimHandle> {
    for (;;) {
      if (!this.current) {
        this.current = this.next ?? this.launch();
        this.next = undefined;
      }
      const cur = this.current;
      let h: ShimHandle;
      try {
        h = await cur;
      } catch (err) {
        if (this.current === cur) this.current = undefined;
        throw err;
      }
      if (h.retired || !this.handles.has(h)) {
        if (this.current === cur) this.current = undefined;
        continue;
      }
      h.assigned++;
      if (preopens) h.preopenTasks++;
      h.live.add(taskId);
      // The share of its budget the shim has used, by whichever limit is nearer (no preopen
      // budget when the manager sets none).
      const preopenBudget = this.manager.maxPreopenTasksPerShim;
      const used = Math.max(h.assigned / this.manager.maxTasksPerShim, preopenBudget ? h.preopenTasks / preopenBudget : 0);
      if (!this.next && used >= 0.9) this.next = this.launch();
      if (used >= 1) {
        h.retired = true;
        this.current = undefined;
      }
      return h;
    }
  }

  // Called when a task is gone from its shim; shuts down retired shims with no tasks left.
  async release(h: ShimHandle, taskId: string): Promise<void> {
    h.live.delete(taskId);
    if (h.retired && h.live.size === 0 && this.handles.delete(h)) await h.shim.shutdown();
  }

  // The shim died: forget it so the next task starts a fresh one.
  dropped(h: ShimHandle): void {
    h.retired = true;
    this.handles.delete(h);
  }

  async currentPid(): Promise<number> {
    if (!this.current) this.current = this.launch();
    return (await this.current).shim.pid;
  }

  async shutdown(): Promise<void> {
    const pending = [this.current, this.next].filter((p): p is Promise<ShimHandle> => p !== undefined);
    this.current = undefined;
    this.next = undefined;
    for (const p of pending) await p.catch(() => undefined);
    const all = [...this.handles];
    this.handles.clear();
    await Promise.all(all.map((h) => h.shim.shutdown()));
  }
}
