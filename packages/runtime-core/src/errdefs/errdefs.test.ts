import { describe, expect, it } from 'vitest';
import { codeOf, deserializeError, isNotFound, isUnavailable, notFound, serializeError, unavailable } from './errdefs.js';

describe('errdefs', () => {
  it('keeps the error class across the shim process boundary', () => {
    const back = deserializeError(serializeError(unavailable('shim s-1 (pid 7) exited unexpectedly: signal SIGSEGV')));
    expect(isUnavailable(back)).toBe(true);
    expect(back.message).toBe('shim s-1 (pid 7) exited unexpectedly: signal SIGSEGV');
    const plain = deserializeError(serializeError(new Error('boom')));
    expect(codeOf(plain)).toBeUndefined();
    expect(isNotFound(notFound('task "x": not found', new Error('cause')))).toBe(true);
  });
});
