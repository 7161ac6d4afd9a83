// poll_oneoff for a runtime-core task. node:wasi polls fds with libuv's epoll, which refuses
// regular files and /dev/null (EPERM), so any fd subscription failed the whole call. A task's
// fds here are never pipes or sockets: stdin is a file or /dev/null, output goes to files,
// /dev/null or the capture, and the guest opens only files and directories. Those are always
// ready, as poll(2) says of regular files, so fd subscriptions are answered at once (an fd that
// is not open gets EBADF); a poll with clock subscriptions only still goes to node:wasi.
const SUBSCRIPTION_SIZE = 48;
const EVENT_SIZE = 32;
const EVENTTYPE_CLOCK = 0;
const ERRNO_SUCCESS = 0;
const ERRNO_FAULT = 21;
const ERRNO_INVAL = 28;

type PollFn = (inPtr: number, outPtr: number, n: number, neventsPtr: number) => number;
type FdstatFn = (fd: number, bufPtr: number) => number;

export function wrapPoll(wasiImport: Record<string, unknown>, memory: () => WebAssembly.Memory): void {
  const poll = wasiImport.poll_oneoff as PollFn;
  const fdstat = wasiImport.fd_fdstat_get as FdstatFn;
  wasiImport.poll_oneoff = (inPtr: number, outPtr: number, n: number, neventsPtr: number): number => {
    const buf = memory().buffer;
    if (n === 0) return ERRNO_INVAL;
    if (inPtr + n * SUBSCRIPTION_SIZE > buf.byteLength || outPtr + n * EVENT_SIZE > buf.byteLength || neventsPtr + 4 > buf.byteLength) return ERRNO_FAULT;
    const view = new DataView(buf);
    const fdSubs: { userdata: bigint; type: number; fd: number }[] = [];
    for (let i = 0; i < n; i++) {
      const at = inPtr + i * SUBSCRIPTION_SIZE;
      const type = view.getUint8(at + 8);
      if (type !== EVENTTYPE_CLOCK) fdSubs.push({ userdata: view.getBigUint64(at, true), type, fd: view.getUint32(at + 16, true) });
    }
    if (fdSubs.length === 0) return poll(inPtr, outPtr, n, neventsPtr);
    // fd_fdstat_get tells whether the fd is open; its 24 bytes land in the event buffer first.
    const errors = fdSubs.map((s) => fdstat(s.fd, outPtr));
    const out = new DataView(memory().buffer);
    new Uint8Array(out.buffer, outPtr, fdSubs.length * EVENT_SIZE).fill(0);
    fdSubs.forEach((s, i) => {
      const at = outPtr + i * EVENT_SIZE;
      out.setBigUint64(at, s.userdata, true);
      out.setUint16(at + 8, errors[i] === ERRNO_SUCCESS ? ERRNO_SUCCESS : errors[i]!, true);
      out.setUint8(at + 10, s.type);
    });
    out.setUint32(neventsPtr, fdSubs.length, true);
    return ERRNO_SUCCESS;
  };
}
