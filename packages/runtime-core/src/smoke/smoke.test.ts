import { describe, expect, it } from 'vitest';
import { smoke } from './smoke.js';

describe('smoke suite', () => {
  it('passes every case through the process-isolated WASI shim', async () => {
    const r = await smoke();
    expect(r.cases.filter((c) => !c.ok)).toEqual([]);
    expect(r.cases.map((c) => c.name)).toEqual(['hello', 'args', 'env', 'exit-code', 'stdout', 'file-access', 'trap', 'timeout']);
    expect(r.ok).toBe(true);
  });
});
