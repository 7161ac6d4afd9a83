import { describe, expect, it } from 'vitest';
import { conformance, parseConfig } from './conformance.js';

describe('WASI conformance runner', () => {
  it('reads both forms of a test config', () => {
    expect(parseConfig({ args: ['a'], env: { X: '1' }, dirs: ['d'], exit_code: 3, stdout: 'out' })).toEqual({ args: ['a'], env: { X: '1' }, dirs: ['d'], exit_code: 3, stdout: 'out' });
    expect(
      parseConfig({
        operations: [{ type: 'run', args: ['b'], dirs: ['e'] }, { type: 'write', payload: 'in' }, { type: 'read', id: 'stdout', payload: 'x' }, { type: 'wait', exit_code: 7 }],
      }),
    ).toEqual({ args: ['b'], env: {}, dirs: ['e'], exit_code: 7, stdin: 'in', stdout: 'x' });
  });

  // A few cases through the CLI and through plain node:wasi (each is a process start).
  it('runtime-core passes what plain node:wasi passes, and refuses the symlink escape node:wasi allows', { timeout: 180_000 }, async () => {
    const r = await conformance({
      suites: [],
      runtimes: ['runtime-core', 'node-wasi'],
      only: ['proc_exit-13', 'fd_read-stdin', 'path_open-read', 'path_symlink-escape-nofollow', 'path_symlink-inside-follow'],
      log: () => undefined,
    });
    const [core, node] = r.results;
    expect(core!.failed, JSON.stringify(core!.failed)).toEqual([]);
    expect(core!.passed).toBe(5);
    expect(node!.failed.map((f) => f.name.split('/')[1])).toEqual(['path_symlink-escape-nofollow', 'path_symlink-inside-follow']);
    expect(r.regressions).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
