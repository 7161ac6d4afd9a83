import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../../../testsuite/fixtures.js';
import { Capture, INLINE_MAX, Sink } from './capture.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await scratch()));
afterAll(() => cleanup());
let seq = 0;
const text = (s: Sink, stream = 'stdout') => Buffer.from(s.finish(stream).bytes!).toString();

// A fake WASI import module recording the calls that reach the real fds.
function setup() {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const passed: string[] = [];
  const wasiImport = {
    fd_write: (fd: number) => (passed.push(`write ${fd}`), 0),
    fd_pwrite: (fd: number) => (passed.push(`pwrite ${fd}`), 0),
    fd_seek: (fd: number) => (passed.push(`seek ${fd}`), 0),
    fd_tell: (fd: number) => (passed.push(`tell ${fd}`), 0),
    fd_close: (fd: number) => (passed.push(`close ${fd}`), 0),
    fd_renumber: (from: number, to: number) => (passed.push(`renumber ${from} ${to}`), 0),
    args_get: () => 0,
  };
  const out = new Sink(1 << 20, path.join(dir, `${++seq}`, 'stdout.pipe'));
  const err = new Sink(1 << 20, path.join(dir, `${seq}`, 'stderr.pipe'));
  const imports = new Capture({ 1: out, 2: err }).wrap(wasiImport as never, () => memory) as unknown as Record<string, (...a: unknown[]) => number>;
  const bytes = new Uint8Array(memory.buffer);
  const view = new DataView(memory.buffer);
  // Writes `parts` at 1024.. with an iovec array at 16; returns [iovs, count].
  const iovecs = (...parts: string[]): [number, number] => {
    let at = 1024;
    parts.forEach((p, i) => {
      bytes.set(Buffer.from(p), at);
      view.setUint32(16 + i * 8, at, true);
      view.setUint32(16 + i * 8 + 4, p.length, true);
      at += p.length;
    });
    return [16, parts.length];
  };
  return { imports, out, err, passed, view, iovecs };
}

describe('pipe capture', () => {
  it('collects fd_write on stdout and stderr and reports the bytes written', () => {
    const { imports, out, err, passed, view, iovecs } = setup();
    expect(imports.fd_write!(1, ...iovecs('hello ', 'world\n'), 8)).toBe(0);
    expect(view.getUint32(8, true)).toBe(12);
    expect(imports.fd_write!(2, ...iovecs('oops\n'), 8)).toBe(0);
    expect(imports.fd_write!(5, ...iovecs('file'), 8)).toBe(0);
    expect(text(out)).toBe('hello world\n');
    expect(text(err)).toBe('oops\n');
    expect(passed).toEqual(['write 5']);
  });

  it('answers EFAULT for an iovec outside memory and ESPIPE for positioned calls, like a pipe', () => {
    const { imports, view, out } = setup();
    view.setUint32(16, 65530, true);
    view.setUint32(20, 100, true);
    expect(imports.fd_write!(1, 16, 1, 8)).toBe(21);
    expect(imports.fd_pwrite!(1, 16, 1, 0n, 8)).toBe(70);
    expect(imports.fd_seek!(2, 0n, 0, 8)).toBe(70);
    expect(imports.fd_tell!(1, 8)).toBe(70);
    expect(text(out)).toBe('');
  });

  it('stops capturing a closed fd and follows fd_renumber', () => {
    const { imports, out, passed, iovecs } = setup();
    imports.fd_renumber!(1, 7); // stdout now lives at fd 7
    imports.fd_write!(7, ...iovecs('moved\n'), 8);
    imports.fd_write!(1, ...iovecs('not captured'), 8);
    imports.fd_close!(7);
    imports.fd_write!(7, ...iovecs('after close'), 8);
    expect(text(out)).toBe('moved\n');
    expect(passed).toEqual(['renumber 1 7', 'write 1', 'close 7', 'write 7']);
  });

  it('keeps small output inline and spills past INLINE_MAX to its file, in order', () => {
    const file = path.join(dir, 'spill', 'stdout.pipe');
    const sink = new Sink(1 << 20, file);
    sink.write(Buffer.from('head:'));
    expect(existsSync(file)).toBe(false);
    sink.write(Buffer.alloc(INLINE_MAX, 'x'));
    sink.write(Buffer.from(':tail'));
    const c = sink.finish('stdout');
    expect(c).toEqual({ file, dropped: 0 });
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(5 + INLINE_MAX + 5);
    expect(bytes.subarray(0, 5).toString()).toBe('head:');
    expect(bytes.subarray(-5).toString()).toBe(':tail');
  });

  it('keeps at most its limit, counts what it dropped and ends with a marker', () => {
    const sink = new Sink(10, path.join(dir, 'limited', 'stdout.pipe'));
    sink.write(Buffer.from('0123456'));
    sink.write(Buffer.from('789abcdef'));
    sink.write(Buffer.from('more'));
    const c = sink.finish('stdout');
    expect(c.dropped).toBe(10);
    expect(Buffer.from(c.bytes!).toString()).toBe('0123456789\n[runtime-core: stdout truncated: 10 bytes beyond the 10-byte capture limit were dropped]\n');
  });
});
