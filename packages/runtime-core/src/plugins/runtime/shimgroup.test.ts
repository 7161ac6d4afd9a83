import { describe, expect, it } from 'vitest';
import type { Shim, ShimManager } from '../../core/shim/shim.js';
import { ShimGroup } from './shimgroup.js';

// Only what ShimGroup touches: an id per started shim, and shutdown.
function manager(budgets: Pick<ShimManager, 'maxTasksPerShim' | 'maxPreopenTasksPerShim'>): ShimManager & { shutdowns: string[] } {
  const shutdowns: string[] = [];
  return {
    runtime: 'io.containerd.test.v1',
    ...budgets,
    shutdowns,
    start: async ({ id }) => ({ id, shutdown: async () => void shutdowns.push(id) }) as unknown as Shim,
  };
}

async function shimIds(group: ShimGroup, tasks: { preopens: boolean }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, t] of tasks.entries()) ids.push((await group.acquire(`t${i}`, t.preopens)).shim.id);
  return ids;
}

describe('ShimGroup budgets', () => {
  it('retires a shim at whichever budget it reaches first', async () => {
    const group = new ShimGroup('g', manager({ maxTasksPerShim: 4, maxPreopenTasksPerShim: 2 }), () => undefined);
    const plain = { preopens: false };
    const preopen = { preopens: true };
    expect(await shimIds(group, [preopen, plain, preopen, plain, plain, plain, plain, preopen])).toEqual(['g-1', 'g-1', 'g-1', 'g-2', 'g-2', 'g-2', 'g-2', 'g-3']);
  });

  it('has no preopen budget when the manager sets none (or zero)', async () => {
    for (const maxPreopenTasksPerShim of [undefined, 0]) {
      const group = new ShimGroup('g', manager({ maxTasksPerShim: 3, ...(maxPreopenTasksPerShim === undefined ? {} : { maxPreopenTasksPerShim }) }), () => undefined);
      const preopen = { preopens: true };
      expect(await shimIds(group, [preopen, preopen, preopen, preopen]), String(maxPreopenTasksPerShim)).toEqual(['g-1', 'g-1', 'g-1', 'g-2']);
    }
  });

  it('shuts a retired shim down once its last task is released', async () => {
    const m = manager({ maxTasksPerShim: 2 });
    const group = new ShimGroup('g', m, () => undefined);
    const a = await group.acquire('a', false);
    await group.acquire('b', false);
    await group.release(a, 'a');
    expect(m.shutdowns).toEqual([]);
    await group.release(a, 'b');
    expect(m.shutdowns).toEqual(['g-1']);
  });
});
