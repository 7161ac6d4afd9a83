// containerd plugins/events exchange: publish appends the envelope to every matching
// subscriber's queue synchronously, so subscribers see events in publish order.
import type { Envelope, Publisher, Subscriber, Subscription, Topic } from '../../core/events/events.js';
import { adaptObject, parseAll, type Filter } from '../../filters/filters.js';
import path from 'node:path';
import { PluginType, type Registration } from '../../plugin/plugin.js';
import { RemoteListeners } from './remote.js';

class Queue implements Subscription {
  private readonly items: Envelope[] = [];
  private waiter: ((r: IteratorResult<Envelope>) => void) | undefined;
  closed = false;

  constructor(
    readonly filter: Filter,
    private readonly onClose: (q: Queue) => void,
  ) {}

  push(e: Envelope): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w({ value: e, done: false });
    } else this.items.push(e);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    this.waiter?.({ value: undefined, done: true });
    this.waiter = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<Envelope> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item) return Promise.resolve({ value: item, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiter = resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

export class Exchange implements Publisher, Subscriber {
  private readonly subs = new Set<Queue>();

  // remote: listeners in other processes (`runtime-core events`), sent every envelope.
  constructor(private readonly remote?: RemoteListeners) {}

  // Where a process listens to receive every exchange's envelopes (see remote.ts).
  get listenersDir(): string | undefined {
    return this.remote?.dir;
  }

  publish(namespace: string, topic: Topic, event: unknown): void {
    if (this.subs.size === 0 && !this.remote?.size) return;
    const env: Envelope = { timestamp: new Date(), namespace, topic, event };
    this.remote?.send(env);
    if (this.subs.size === 0) return;
    const adaptor = adaptObject(env);
    for (const q of this.subs) if (q.filter.match(adaptor)) q.push(env);
  }

  subscribe(...filters: string[]): Subscription {
    const q = new Queue(parseAll(filters), (x) => this.subs.delete(x));
    this.subs.add(q);
    return q;
  }

  async close(): Promise<void> {
    for (const q of [...this.subs]) q.close();
    await this.remote?.close();
  }
}

// Where `runtime-core events` listeners put their sockets, under the exchange's state directory.
export const listenersDir = (state: string) => path.join(state, 'listeners');

export const exchangePlugin: Registration<Exchange> = {
  type: PluginType.Event,
  id: 'exchange',
  init: (ic) => {
    const remote = new RemoteListeners(listenersDir(ic.state));
    remote.start();
    return new Exchange(remote);
  },
};
