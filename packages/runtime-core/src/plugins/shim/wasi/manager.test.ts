import { describe, expect, it } from 'vitest';
import { isInvalidArgument } from '../../../errdefs/errdefs.js';
import { shimSuite } from '../../../testsuite/shim.js';
import { moduleFile, scratch } from '../../../testsuite/fixtures.js';
import { WasiShimManager, type WasiShimConfig } from './manager.js';

const config = (more: Partial<WasiShimConfig> = {}): WasiShimConfig => ({
  workers: 2,
  workerMaxTasks: 25,
  maxTasksPerShim: 1000,
  maxPreopenTasksPerShim: 1000,
  memoryLimitMiB: 256,
  ...more,
});

shimSuite('wasi (process)', () => new WasiShimManager(config()));

describe('wasi shim memory limit', () => {
  it('lets a task grow its memory up to memoryLimitMiB and no further', async () => {
    const { dir, cleanup } = await scratch();
    try {
      const module = await moduleFile(dir, 'grow'); // grows to 4 MiB
      const statusWith = async (memoryLimitMiB: number) => {
        const shim = await new WasiShimManager(config({ memoryLimitMiB })).start({ id: `limit-${memoryLimitMiB}` });
        try {
          await shim.create({ id: 'grow', bundle: dir, io: { stdout: 'null', stderr: 'null' }, spec: { args: ['grow.wasm'], env: [], module } });
          await shim.start('grow');
          return (await shim.wait('grow')).exitStatus;
        } finally {
          await shim.shutdown();
        }
      };
      expect(await statusWith(2)).toBe(1);
      expect(await statusWith(4)).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it('rejects a limit outside 1..4096 MiB, naming the setting', () => {
    for (const bad of [0, 4097, 1.5, Number.NaN]) {
      expect(() => new WasiShimManager(config({ memoryLimitMiB: bad }))).toThrow(/memoryLimitMiB/);
    }
    let err: unknown;
    try {
      new WasiShimManager(config({ memoryLimitMiB: 0 }));
    } catch (e) {
      err = e;
    }
    expect(isInvalidArgument(err)).toBe(true);
  });
});
