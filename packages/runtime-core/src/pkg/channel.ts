// Request/response and event messaging over a Node IPC channel (process.send). Messages
// are coalesced per event-loop turn into one send, which is what makes thousands of small
// task RPCs per second affordable across the process boundary.
import { deserializeError, serializeError, type SerializedError } from '../errdefs/errdefs.js';

export type Frame =
  | { t: 'req'; id: number; m: string; p: unknown }
  | { t: 'res'; id: number; r?: unknown; e?: SerializedError }
  | { t: 'ev'; e: unknown };

export interface Port {
  send(frames: Frame[]): void;
}

export class Channel {
  private out: Frame[] = [];
  private scheduled = false;
  private nextId = 1;
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private handler: ((m: string, p: unknown) => Promise<unknown>) | undefined;
  private eventHandler: ((e: unknown) => void) | undefined;

  constructor(private readonly port: Port) {}

  private push(f: Frame): void {
    this.out.push(f);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.out.length === 0) return;
    const frames = this.out;
    this.out = [];
    this.port.send(frames);
  }

  call<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.push({ t: 'req', id, m: method, p: params });
    });
  }

  emit(event: unknown): void {
    this.push({ t: 'ev', e: event });
  }

  serve(handler: (m: string, p: unknown) => Promise<unknown>): void {
    this.handler = handler;
  }

  onEvent(fn: (e: unknown) => void): void {
    this.eventHandler = fn;
  }

  receive(frames: Frame[]): void {
    for (const f of frames) {
      if (f.t === 'ev') this.eventHandler?.(f.e);
      else if (f.t === 'res') {
        const c = this.calls.get(f.id);
        if (!c) continue;
        this.calls.delete(f.id);
        if (f.e) c.reject(deserializeError(f.e));
        else c.resolve(f.r);
      } else if (this.handler) {
        this.handler(f.m, f.p).then(
          (r) => this.push({ t: 'res', id: f.id, r }),
          (err) => this.push({ t: 'res', id: f.id, e: serializeError(err) }),
        );
      }
    }
  }

  // The other side is gone: fail every outstanding call.
  failAll(err: Error): void {
    for (const c of this.calls.values()) c.reject(err);
    this.calls.clear();
  }
}
