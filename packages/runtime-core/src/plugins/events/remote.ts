// Events across processes. There is no daemon: every process that opens a client has its own
// exchange. A process that wants to watch (`runtime-core events`) listens on a Unix socket in
// the state directory; every exchange forwards what it publishes to each listener it finds
// there (and to ones that appear later), one JSON line per envelope, in publish order.
import { mkdirSync, readdirSync, unlinkSync, watch, type FSWatcher } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Envelope } from '../../core/events/events.js';

const SOCKET_SUFFIX = '.sock';
// A listener that reads slower than this much backlog is dropped rather than buffered.
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
const CLOSE_WAIT_MS = 1000;

export class RemoteListeners {
  private readonly conns = new Map<string, net.Socket>();
  private watcher: FSWatcher | undefined;
  private closed = false;

  constructor(readonly dir: string) {}

  start(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      for (const name of readdirSync(this.dir)) this.connect(name);
      this.watcher = watch(this.dir, { persistent: false }, (_event, name) => name && this.connect(name.toString()));
      this.watcher.on('error', () => undefined);
    } catch {
      // No state directory to watch: nothing is forwarded.
    }
  }

  get size(): number {
    return this.conns.size;
  }

  private connect(name: string): void {
    if (this.closed || !name.endsWith(SOCKET_SUFFIX) || this.conns.has(name)) return;
    const socket = net.createConnection(path.join(this.dir, name));
    socket.unref();
    this.conns.set(name, socket);
    const drop = () => {
      if (this.conns.get(name) === socket) this.conns.delete(name);
      socket.destroy();
    };
    socket.on('error', drop);
    socket.on('close', drop);
  }

  send(e: Envelope): void {
    if (this.conns.size === 0) return;
    const line = `${JSON.stringify(e)}\n`;
    for (const [name, s] of this.conns) {
      if (s.writableLength > MAX_BACKLOG_BYTES) {
        this.conns.delete(name);
        s.destroy();
      } else {
        s.write(line);
      }
    }
  }

  // Lets queued lines go out, then closes; a listener that does not read them within a second
  // (stopped, say) is cut off rather than holding this process open.
  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    const all = [...this.conns.values()];
    this.conns.clear();
    await Promise.all(
      all.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.destroyed) return resolve();
            const timer = setTimeout(() => {
              s.destroy();
              resolve();
            }, CLOSE_WAIT_MS);
            s.end(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }
}

// Listens for the envelopes other processes forward; returns a function that stops listening.
export async function listenForEvents(dir: string, onEnvelope: (e: Envelope) => void): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}${SOCKET_SUFFIX}`);
  try {
    unlinkSync(file); // left by an earlier process with our pid
  } catch {
    // none
  }
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let rest = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const l of lines) if (l) onEnvelope(JSON.parse(l) as Envelope);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => server.listen(file, resolve).once('error', reject));
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
      try {
        unlinkSync(file);
      } catch {
        // gone
      }
    });
}
