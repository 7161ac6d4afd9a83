import { describe, expect, it } from 'vitest';
import { PluginSet, PluginType, type Registration } from './plugin.js';
import { isFailedPrecondition } from '../errdefs/errdefs.js';

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

  it('rejects duplicate registrations', async () => {
    const r: Registration = { type: PluginType.Content, id: 'content', init: () => 1 };
    await expect(PluginSet.init([r, r], { root: '/tmp/x', state: '/tmp/y' })).rejects.toThrow(/registered twice/);
  });
});
