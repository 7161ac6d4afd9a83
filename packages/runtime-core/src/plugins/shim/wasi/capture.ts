// In-memory capture of a task's "pipe" streams. node:wasi only writes to real fds, and a file
// per task (write, size, read back, truncate) costs several syscalls per stream; instead
// fd_write on a captured WASI fd appends to a buffer. The fd underneath (/dev/null) keeps
// answering fd_fdstat_get and the like; writes at an offset and seeks fail with ESPIPE as on
// a pipe; fd_close ends a capture and fd_renumber moves it, so a reused fd number is not captured.
type Fn = (...args: never[]) => unknown;
type Imports = Record<string, Fn>;

const ERRNO_SUCCESS = 0;
const ERRNO_FAULT = 21;
const ERRNO_SPIPE = 70;
const IOVEC_SIZE = 8;

export class Capture {
  // WASI fd -> the chunks of the stream it carries.
  private readonly fds = new Map<number, Buffer[]>();

  constructor(streams: Record<number, Buffer[]>) {
    for (const [fd, chunks] of Object.entries(streams)) this.fds.set(Number(fd), chunks);
  }

  // The WASI import module with the fd calls that concern captured fds wrapped; memory is
  // read when the instance calls in (it exists only once the instance does).
  wrap(wasiImport: Imports, memory: () => WebAssembly.Memory): Imports {
    const orig = wasiImport as Record<string, (...a: unknown[]) => number>;
    const fds = this.fds;
    return {
      ...wasiImport,
      fd_write: ((fd: number, iovs: number, iovsLen: number, nwritten: number) => {
        const chunks = fds.get(fd);
        if (!chunks) return orig.fd_write!(fd, iovs, iovsLen, nwritten);
        const buf = memory().buffer;
        const view = new DataView(buf);
        if (iovs + iovsLen * IOVEC_SIZE > buf.byteLength || nwritten + 4 > buf.byteLength) return ERRNO_FAULT;
        let total = 0;
        for (let i = 0; i < iovsLen; i++) {
          const ptr = view.getUint32(iovs + i * IOVEC_SIZE, true);
          const len = view.getUint32(iovs + i * IOVEC_SIZE + 4, true);
          if (ptr + len > buf.byteLength) return ERRNO_FAULT;
          if (len > 0) chunks.push(Buffer.from(new Uint8Array(buf, ptr, len)));
          total += len;
        }
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
        const chunks = fds.get(from);
        fds.delete(from);
        fds.delete(to);
        if (chunks) fds.set(to, chunks);
        return r;
      }) as Fn,
    };
  }
}
