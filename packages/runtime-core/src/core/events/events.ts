// containerd core/events: envelopes carry a topic and a typed payload. Task topics are
// published in a guaranteed order per task: create -> start -> exit -> delete.
export const Topic = {
  TaskCreate: '/tasks/create',
  TaskStart: '/tasks/start',
  TaskExit: '/tasks/exit',
  TaskDelete: '/tasks/delete',
  ImageCreate: '/images/create',
  ImageUpdate: '/images/update',
  ImageDelete: '/images/delete',
  ContentDelete: '/content/delete',
  SandboxCreate: '/sandboxes/create',
  SandboxStart: '/sandboxes/start',
  SandboxExit: '/sandboxes/exit',
  SandboxDelete: '/sandboxes/delete',
} as const;
export type Topic = (typeof Topic)[keyof typeof Topic];

export interface TaskCreate { containerId: string; bundle: string; pid: number; stdout: string; stderr: string }
export interface TaskStart { containerId: string; pid: number }
export interface TaskExit { containerId: string; id: string; pid: number; exitStatus: number; exitedAt: string; error?: string }
export interface TaskDelete { containerId: string; id: string; pid: number; exitStatus: number; exitedAt: string }

export interface Envelope<T = unknown> {
  timestamp: Date;
  namespace: string;
  topic: Topic;
  event: T;
}

export interface Publisher {
  publish(namespace: string, topic: Topic, event: unknown): void;
}

export interface Subscription extends AsyncIterable<Envelope> {
  close(): void;
}

export interface Subscriber {
  // Filters use the filter language over topic, namespace and event.* fields.
  subscribe(...filters: string[]): Subscription;
}
