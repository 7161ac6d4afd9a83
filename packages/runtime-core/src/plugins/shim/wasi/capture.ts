// In-memory capture of a task's "pipe" streams. node:wasi only writes to real fds, and a file
// per task (write, size, read back, truncate) costs several syscalls per stream; instead
// fd_write on a captured WASI fd appends to a sink. The fd underneath (/dev/null) keeps
// answering fd_fdstat_get and the like; writes at an offset and seeks fail with ESPIPE as on
// a pipe; fd_close ends a capture and fd_renumber moves it, so a reused fd number is not captured.
//
// A sink is bounded twice: past INLINE_MAX bytes it spills to a file (so a noisy task costs
// no memory and its output never becomes one big string on the way to the runtime), and past
// its limit it keeps nothing more, counts what it dropped and ends with a marker line.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

type Fn = (...args: never[]) => unknown;
type Imports = Record<string, Fn>;

const ERRNO_SUCCESS = 0;
const ERRNO_FAULT = 21;
const ERRNO_SPIPE = 70;
const IOVEC_SIZE = 8;

// Output up to this size travels inline with the exit; more goes through the spill file.
export const INLINE_MAX = 64 * 1024;

export interface Captured {
  // Inline bytes, or the spill file holding them (the runtime reads and removes it).
  bytes?: Uint8Array;
  file?: string;
  // Bytes written beyond the limit and dropped.
  dropped: number;
}

export class Sink {
  private chunks: Buffer[] = [];
  private inline = 0;
  private kept = 0;
  private dropped = 0;
  private fd = -1;

  constructor(
    private readonly limit: number,
    private readonly spillPath: string,
  ) {}

  write(view: Uint8Array): void {
    let bytes = view;
    if (this.kept + bytes.length > this.limit) {
      const room = Math.max(0, this.limit - this.kept);
      this.dropped += bytes.length - room;
      bytes = bytes.subarray(0, room);
    }
    if (bytes.length === 0) return;
    this.kept += bytes.length;
    if (this.fd === -1 && this.inline + bytes.length <= INLINE_MAX) {
      this.chunks.push(Buffer.from(bytes));
      this.inline += bytes.length;
      return;
    }
    if (this.fd === -1) this.spill();
    writeAll(this.fd, bytes);
  }

  private spill(): void {
    mkdirSync(path.dirname(this.spillPath), { recursive: true });
    this.fd = openSync(this.spillPath, 'w');
    for (const c of this.chunks) writeAll(this.fd, c);
    this.chunks = [];
  }

  // Ends the capture: what was kept, inline or spilled, with a marker when bytes were dropped.
  finish(stream: string): Captured {
    if (this.dropped > 0) {
      const marker = Buffer.from(`\n[runtime-core: ${stream} truncated: ${this.dropped} bytes beyond the ${this.limit}-byte capture limit were dropped]\n`);
      if (this.fd === -1 && this.inline + marker.length <= INLINE_MAX) this.chunks.push(marker);
      else {
        if (this.fd === -1) this.spill();
        writeAll(this.fd, marker);
      }
    }
    if (this.fd !== -1) {
      closeSync(this.fd);
      this.fd = -1;
      return { file: this.spillPath, dropped: this.dropped };
    }
    return { bytes: joined(this.chunks), dropped: this.dropped };
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

// An exact-size copy: Buffer.concat may return a slice of Node's shared 8 KiB pool, and
// postMessage would clone the whole pool slab with it.
function joined(chunks: Buffer[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

export class Capture {
  // WASI fd -> the sink of the stream it carries.
  private readonly fds = new Map<number, Sink>();

  constructor(streams: Record<number, Sink>) {
    for (const [fd, sink] of Object.entries(streams)) this.fds.set(Number(fd), sink);
  }

  // The WASI import module with the fd calls that concern captured fds wrapped; memory is
  // read when the instance calls in (it exists only once the instance does).
  wrap(wasiImport: Imports, memory: () => WebAssembly.Memory): Imports {
    const orig = wasiImport as Record<string, (...a: unknown[]) => number>;
    const fds = this.fds;
    return {
      ...wasiImport,
      fd_write: ((fd: number, iovs: number, iovsLen: number, nwritten: number) => {
        const sink = fds.get(fd);
        if (!sink) return orig.fd_write!(fd, iovs, iovsLen, nwritten);
        const buf = memory().buffer;
        const view = new DataView(buf);
        if (iovs + iovsLen * IOVEC_SIZE > buf.byteLength || nwritten + 4 > buf.byteLength) return ERRNO_FAULT;
        let total = 0;
        for (let i = 0; i < iovsLen; i++) {
          const ptr = view.getUint32(iovs + i * IOVEC_SIZE, true);
          const len = view.getUint32(iovs + i * IOVEC_SIZE + 4, true);
          if (ptr + len > buf.byteLength) return ERRNO_FAULT;
          if (len > 0) sink.write(new Uint8Array(buf, ptr, len));
          total += len;
        }
        // Like a pipe whose reader discards the excess: every byte counts as written.
        view.setUint32(nwritten, total, true);
        return ERRNO_SUCCESS;
      }) as Fn,
      fd_pwrite: ((fd: number, ...rest: unknown[]) => (fds.has(fd) ? ERRNO_SPIPE : orig.fd_pwrite!(fd, ...rest))) as Fn,
      fd_seek: ((fd: number, ...rest: unknown[]) => (fds.has(fd) ? ERRNO_SPIPE : orig.fd_seek!(fd, ...rest))) as Fn,
      fd_tell: ((fd: number, ...rest: unknown[]) => (fds.has(fd) ? ERRNO_SPIPE : orig.fd_tell!(fd, ...rest))) as Fn,
      fd_close: ((fd: number) => {
        const r = orig.fd_close!(fd);
        if (r === ERRNO_SUCCESS) fds.delete(fd);
        return r;
      }) as Fn,
      fd_renumber: ((from: number, to: number) => {
        const r = orig.fd_renumber!(from, to);
        if (r !== ERRNO_SUCCESS) return r;
        const sink = fds.get(from);
        fds.delete(from);
        fds.delete(to);
        if (sink) fds.set(to, sink);
        return r;
      }) as Fn,
    };
  }
}
