// An in-process shim (runtime io.containerd.wasi-inprocess.v1): the same task service
// and worker pool, without the process boundary. Cheaper to start and used by tests and
// embedders that accept that a node:wasi crash takes the runtime with it.
import type { Shim, ShimEvent, ShimManager, ShimOptions } from '../../../core/shim/shim.js';
import { configCount, PluginType, type Registration } from '../../../plugin/plugin.js';
import { DEFAULT_WORKER_MAX_TASKS } from '../wasi/manager.js';
import { DEFAULT_MAX_WORKERS, DEFAULT_PIPE_LIMIT_BYTES, WasiTaskService } from '../wasi/service.js';

export interface InProcessConfig {
  workers: number;
  workerMaxTasks: number;
  maxTasksPerShim: number;
  maxWorkers?: number;
  pipeOutputLimitBytes?: number;
}

export class InProcessShimManager implements ShimManager {
  readonly runtime = 'io.containerd.wasi-inprocess.v1';

  constructor(readonly config: InProcessConfig) {}

  get maxTasksPerShim(): number {
    return this.config.maxTasksPerShim;
  }

  async start(opts: ShimOptions): Promise<Shim> {
    const eventFns: ((e: ShimEvent) => void)[] = [];
    const service = new WasiTaskService({
      workers: opts.workers ?? this.config.workers,
      workerMaxTasks: opts.workerMaxTasks ?? this.config.workerMaxTasks,
      ...(this.config.maxWorkers === undefined ? {} : { maxWorkers: this.config.maxWorkers }),
      ...(this.config.pipeOutputLimitBytes === undefined ? {} : { pipeLimitBytes: this.config.pipeOutputLimitBytes }),
      emit: (e) => {
        for (const fn of eventFns) fn(e);
      },
    });
    await service.ready;
    return Object.assign(Object.create(null) as object, {
      id: opts.id,
      pid: process.pid,
      onEvent: (fn: (e: ShimEvent) => void) => eventFns.push(fn),
      // Nothing to watch: if this process dies, so does the runtime.
      onCrash: () => undefined,
      create: service.create.bind(service),
      start: service.start.bind(service),
      kill: service.kill.bind(service),
      wait: service.wait.bind(service),
      delete: service.delete.bind(service),
      state: service.state.bind(service),
      stats: service.stats.bind(service),
      shutdown: service.shutdown.bind(service),
    }) as Shim;
  }
}

export const inProcessShimPlugin: Registration<InProcessShimManager> = {
  type: PluginType.Shim,
  id: 'wasi-inprocess',
  init: (ic) =>
    new InProcessShimManager({
      workers: configCount(ic, 'workers', 1),
      workerMaxTasks: configCount(ic, 'workerMaxTasks', DEFAULT_WORKER_MAX_TASKS),
      maxTasksPerShim: configCount(ic, 'maxTasksPerShim', 100_000),
      maxWorkers: configCount(ic, 'maxWorkers', DEFAULT_MAX_WORKERS),
      pipeOutputLimitBytes: configCount(ic, 'pipeOutputLimitBytes', DEFAULT_PIPE_LIMIT_BYTES),
    }),
};
