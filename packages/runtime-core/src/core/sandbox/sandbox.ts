// containerd core/sandbox: a sandbox groups tasks, owns their shim, and outlives them.
export interface Sandbox {
  id: string;
  runtime: string;
  labels: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export interface Store {
  create(s: Pick<Sandbox, 'id' | 'runtime'> & { labels?: Record<string, string> }): Promise<Sandbox>;
  get(id: string): Promise<Sandbox>;
  list(...filters: string[]): Promise<Sandbox[]>;
  update(s: Pick<Sandbox, 'id' | 'labels'>): Promise<Sandbox>;
  delete(id: string): Promise<void>;
}

export type SandboxState = 'notready' | 'ready' | 'stopped';

export interface ControllerStatus {
  sandboxId: string;
  pid: number;
  state: SandboxState;
  tasks: string[];
}

export interface Controller {
  create(sandboxId: string): Promise<void>;
  start(sandboxId: string): Promise<{ pid: number }>;
  stop(sandboxId: string): Promise<void>;
  wait(sandboxId: string): Promise<{ exitStatus: number }>;
  status(sandboxId: string): Promise<ControllerStatus>;
  shutdown(sandboxId: string): Promise<void>;
}
