// Entry point of a WASI shim process. The runtime forks it with --no-turbo-fast-api-calls
// (avoids node:wasi crashes after many instances on Node 20) and talks to it over IPC.
import type { ShimEvent } from '../../../core/shim/shim.js';
import { Channel, type Frame } from '../../../pkg/channel.js';
import { exitToWire, eventToWire } from './protocol.js';
import { WasiTaskService } from './service.js';

const send = process.send?.bind(process);
if (!send) {
  process.stderr.write('runtime-core WASI shim: must be started by the runtime with an IPC channel\n');
  process.exit(2);
}

const workers = Number(process.env.RUNTIME_CORE_SHIM_WORKERS);
const workerMaxTasks = Number(process.env.RUNTIME_CORE_SHIM_WORKER_MAX_TASKS);
const memoryLimitMiB = Number(process.env.RUNTIME_CORE_SHIM_MEMORY_LIMIT_MIB);
const maxWorkers = Number(process.env.RUNTIME_CORE_SHIM_MAX_WORKERS);
const pipeLimitBytes = Number(process.env.RUNTIME_CORE_SHIM_PIPE_LIMIT_BYTES);
const channel = new Channel({ send: (frames) => send(frames) });
const service = new WasiTaskService({
  workers,
  workerMaxTasks,
  memoryLimitMiB,
  maxWorkers,
  pipeLimitBytes,
  emit: (e: ShimEvent) => channel.emit(eventToWire(e)),
});

channel.serve(async (method, params) => {
  const p = params as Record<string, unknown>;
  switch (method) {
    case 'create':
      return service.create(p as never);
    case 'start':
      return service.start(p.id as string);
    case 'kill':
      return service.kill(p.id as string, p.signal as NodeJS.Signals);
    case 'delete':
      return exitToWire(await service.delete(p.id as string));
    case 'state':
      return service.state(p.id as string);
    case 'wait':
      return exitToWire(await service.wait(p.id as string));
    case 'stats':
      return service.stats();
    case 'shutdown':
      await service.shutdown();
      setImmediate(() => {
        channel.flush();
        process.disconnect?.();
      });
      return {};
    default:
      throw new Error(`shim: unknown method ${method}`);
  }
});

process.on('message', (frames: Frame[]) => channel.receive(frames));
// Runtime gone (its IPC channel closed): nothing can collect our tasks, so stop.
process.on('disconnect', () => {
  void service.shutdown().finally(() => process.exit(0));
});
// Ready once a worker is: the first tasks do not wait for a thread to boot.
void service.ready.then(() => process.send!({ ready: process.pid }));
