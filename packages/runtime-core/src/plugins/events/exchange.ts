// containerd plugins/events exchange: publish appends the envelope to every matching
// subscriber's queue synchronously, so subscribers see events in publish order.
import type { Envelope, Publisher, Subscriber, Subscription, Topic } from '../../core/events/events.js';
import { adaptObject, parseAll, type Filter } from '../../filters/filters.js';
import { PluginType, type Registration } from '../../plugin/plugin.js';

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

  publish(namespace: string, topic: Topic, event: unknown): void {
    if (this.subs.size === 0) return;
    const env: Envelope = { timestamp: new Date(), namespace, topic, event };
    const adaptor = adaptObject(env);
    for (const q of this.subs) if (q.filter.match(adaptor)) q.push(env);
  }

  subscribe(...filters: string[]): Subscription {
    const q = new Queue(parseAll(filters), (x) => this.subs.delete(x));
    this.subs.add(q);
    return q;
  }

  close(): void {
    for (const q of [...this.subs]) q.close();
  }
}

export const exchangePlugin: Registration<Exchange> = {
  type: PluginType.Event,
  id: 'exchange',
  init: () => new Exchange(),
};
