import { describe, expect, it } from 'vitest';
import { configCount, PluginSet, PluginType, type Registration } from './plugin.js';
import { isFailedPrecondition, isInvalidArgument } from '../errdefs/errdefs.js';
import { builtinPlugins } from '../plugins/builtins.js';
import { scratch } from '../testsuite/fixtures.js';

describe('plugin registry', () => {
  it('initialises in dependency order and reports init errors', async () => {
    const order: string[] = [];
    const regs: Registration[] = [
      { type: PluginType.Transfer, id: 'local', requires: [PluginType.Content], init: (ic) => (order.push('transfer'), { content: ic.get(PluginType.Content) }) },
      { type: PluginType.Content, id: 'content', init: () => (order.push('content'), 'store') },
      { type: PluginType.ImageVerifier, id: 'broken', init: () => { throw new Error('bin_dir unreadable'); } },
      { type: PluginType.GC, id: 'scheduler', requires: [PluginType.Metadata], init: () => 'never' },
    ];
    const set = await PluginSet.init(regs, { root: '/tmp/x', state: '/tmp/y' });
    expect(order).toEqual(['content', 'transfer']);
    expect(set.get<{ content: string }>(PluginType.Transfer).content).toBe('store');
    const info = set.list();
    expect(info.find((p) => p.id === 'broken')).toMatchObject({ status: 'error', initError: 'bin_dir unreadable' });
    expect(info.find((p) => p.id === 'scheduler')?.initError).toMatch(/io.containerd.metadata.v1 has no initialised plugin/);
    expect(info.find((p) => p.id === 'local')?.requires).toEqual([PluginType.Content]);
    try {
      set.get(PluginType.ImageVerifier);
      expect.unreachable();
    } catch (err) {
      expect(isFailedPrecondition(err)).toBe(true);
    }
  });

  it('reads counts from plugin config, and names a bad one in the init error', async () => {
    expect(configCount({ config: {} }, 'workers', 2)).toBe(2);
    expect(configCount({ config: { workers: 3 } }, 'workers', 2)).toBe(3);
    expect(configCount({ config: { workers: ' 4 ' } }, 'workers', 2)).toBe(4);
    for (const bad of [0, -1, 1.5, 'many', '', Number.NaN, true, [2]]) {
      let err: unknown;
      try {
        configCount({ config: { workers: bad } }, 'workers', 2);
      } catch (e) {
        err = e;
      }
      expect(isInvalidArgument(err), JSON.stringify(bad)).toBe(true);
      expect((err as Error).message).toMatch(/^config workers: want a positive integer, got /);
    }
    const { dir, cleanup } = await scratch();
    const set = await PluginSet.init(builtinPlugins, {
      root: `${dir}/root`,
      state: `${dir}/state`,
      config: { 'io.containerd.shim.v1.wasi': { maxPreopenTasksPerShim: 'lots' } },
    });
    try {
      expect(set.list().find((p) => p.id === 'wasi')).toMatchObject({ status: 'error', initError: 'config maxPreopenTasksPerShim: want a positive integer, got "lots"' });
    } finally {
      await set.close();
      await cleanup();
    }
  });

  it('rejects duplicate registrations', async () => {
    const r: Registration = { type: PluginType.Content, id: 'content', init: () => 1 };
    await expect(PluginSet.init([r, r], { root: '/tmp/x', state: '/tmp/y' })).rejects.toThrow(/registered twice/);
  });
});
