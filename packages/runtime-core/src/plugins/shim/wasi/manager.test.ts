import { describe, expect, it } from 'vitest';
import { isInvalidArgument } from '../../../errdefs/errdefs.js';
import { shimSuite } from '../../../testsuite/shim.js';
import { moduleFile, scratch } from '../../../testsuite/fixtures.js';
import { fromBytes } from '../../../digest/digest.js';
import { wat2wasm } from '../../../smoke/wat.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WasiShimManager, type WasiShimConfig } from './manager.js';

const config = (more: Partial<WasiShimConfig> = {}): WasiShimConfig => ({
  workers: 2,
  workerMaxTasks: 25,
  maxTasksPerShim: 1000,
  maxPreopenTasksPerShim: 1000,
  memoryLimitMiB: 256,
  maxWorkers: 8,
  pipeOutputLimitBytes: 16 << 20,
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

  it('refuses at create a module whose initial memory is over the limit, naming memoryLimitMiB', async () => {
    const { dir, cleanup } = await scratch();
    const shim = await new WasiShimManager(config({ memoryLimitMiB: 1 })).start({ id: 'over-limit' });
    try {
      const wasm = await wat2wasm('big', `(module (memory (export "memory") 20) (func (export "_start")))`); // 1.25 MiB
      const file = path.join(dir, 'big.wasm');
      await writeFile(file, wasm);
      const err = await shim
        .create({ id: 'big', bundle: dir, io: { stdout: 'null', stderr: 'pipe' }, spec: { args: ['big.wasm'], env: [], module: { path: file, digest: fromBytes(wasm) } } })
        .catch((e: unknown) => e);
      expect(isInvalidArgument(err)).toBe(true);
      expect((err as Error).message).toMatch(/initial memory \(1.25 MiB\) is over the shim's memory limit of 1 MiB \(memoryLimitMiB/);
      await expect(shim.state('big')).rejects.toThrow(/not found/);
    } finally {
      await shim.shutdown();
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
