import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { codeOf, deserializeError, isNotFound, isUnavailable, notFound, serializeError, toRuntimeError, unavailable } from './errdefs.js';

describe('errdefs', () => {
  it('keeps the error class across the shim process boundary', () => {
    const back = deserializeError(serializeError(unavailable('shim s-1 (pid 7) exited unexpectedly: signal SIGSEGV')));
    expect(isUnavailable(back)).toBe(true);
    expect(back.message).toBe('shim s-1 (pid 7) exited unexpectedly: signal SIGSEGV');
    const plain = deserializeError(serializeError(new Error('boom')));
    expect(codeOf(plain)).toBeUndefined();
    expect(isNotFound(notFound('task "x": not found', new Error('cause')))).toBe(true);
  });

  it('classifies system errors by errno and keeps the path they name; nothing stays without a code', async () => {
    const missing = toRuntimeError(await readFile('/nonexistent/x.wasm').catch((e: unknown) => e));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/ENOENT: .*'\/nonexistent\/x.wasm'/);
    expect(toRuntimeError(await readFile('/').catch((e: unknown) => e)).code).toBe('invalid_argument'); // EISDIR
    expect(toRuntimeError(new Error('tar header checksum')).code).toBe('unknown');
    const kept = notFound('image "x": not found');
    expect(toRuntimeError(kept)).toBe(kept);
  });
});
