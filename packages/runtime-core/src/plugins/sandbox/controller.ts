// containerd's local sandbox controller: a started sandbox owns a shim group, so its
// tasks share shim processes; the sandbox outlives them until it is stopped.
import { Topic, type Publisher } from '../../core/events/events.js';
import type { Controller, ControllerStatus } from '../../core/sandbox/sandbox.js';
import { failedPrecondition } from '../../errdefs/errdefs.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import type { Metadata } from '../metadata/plugin.js';
import type { TaskManager } from '../runtime/task_manager.js';

export class LocalController implements Controller {
  private readonly exits = new Map<string, { promise: Promise<{ exitStatus: number }>; resolve: (v: { exitStatus: number }) => void }>();

  constructor(
    private readonly metadata: Metadata,
    private readonly tasks: TaskManager,
    private readonly publisher: Publisher,
  ) {}

  async create(sandboxId: string): Promise<void> {
    const sb = await this.metadata.sandboxes.get(sandboxId);
    this.tasks.group(sb.runtime, sb.id, true);
    this.publisher.publish('default', Topic.SandboxCreate, { sandboxId });
  }

  async start(sandboxId: string): Promise<{ pid: number }> {
    const sb = await this.metadata.sandboxes.get(sandboxId);
    const g = this.tasks.group(sb.runtime, sb.id, false);
    if (!g) throw failedPrecondition(`sandbox ${sandboxId}: not created in the controller`);
    const pid = await g.currentPid();
    let resolve!: (v: { exitStatus: number }) => void;
    const promise = new Promise<{ exitStatus: number }>((r) => (resolve = r));
    this.exits.set(sandboxId, { promise, resolve });
    this.publisher.publish('default', Topic.SandboxStart, { sandboxId, pid });
    return { pid };
  }

  async stop(sandboxId: string): Promise<void> {
    const sb = await this.metadata.sandboxes.get(sandboxId);
    const g = this.tasks.group(sb.runtime, sb.id, false);
    if (!g) return;
    for (const t of await this.tasks.tasksInGroup(sb.runtime, sb.id)) {
      if ((await t.state()).status === 'running') await t.kill('SIGKILL');
      await t.wait();
      await t.delete();
    }
    await g.shutdown();
    this.tasks.removeGroup(sb.runtime, sb.id);
    this.exits.get(sandboxId)?.resolve({ exitStatus: 0 });
    this.publisher.publish('default', Topic.SandboxExit, { sandboxId, exitStatus: 0 });
  }

  async wait(sandboxId: string): Promise<{ exitStatus: number }> {
    const e = this.exits.get(sandboxId);
    if (!e) throw failedPrecondition(`sandbox ${sandboxId}: not started`);
    return e.promise;
  }

  async status(sandboxId: string): Promise<ControllerStatus> {
    const sb = await this.metadata.sandboxes.get(sandboxId);
    const g = this.tasks.group(sb.runtime, sb.id, false);
    const tasks = (await this.tasks.tasksInGroup(sb.runtime, sb.id)).map((t) => t.id);
    if (!g) return { sandboxId, pid: 0, state: 'notready', tasks };
    const started = this.exits.has(sandboxId);
    return { sandboxId, pid: started ? await g.currentPid() : 0, state: started ? 'ready' : 'notready', tasks };
  }

  async shutdown(sandboxId: string): Promise<void> {
    await this.stop(sandboxId);
    this.exits.delete(sandboxId);
    await this.metadata.sandboxes.delete(sandboxId);
    this.publisher.publish('default', Topic.SandboxDelete, { sandboxId });
  }
}

export const sandboxControllerPlugin: Registration<LocalController> = {
  type: PluginType.SandboxController,
  id: 'local',
  requires: [PluginType.Metadata, PluginType.Runtime, PluginType.Event],
  init: (ic) => new LocalController(ic.get(PluginType.Metadata), ic.get(PluginType.Runtime), ic.get(PluginType.Event)),
};
