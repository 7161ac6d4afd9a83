import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEFAULT_RUNTIME } from '../../client/client.js';
import type { Envelope } from '../../core/events/events.js';
import { isFailedPrecondition, isInvalidArgument, isNotFound } from '../../errdefs/errdefs.js';
import { rootfsImage, wasmArtifact, writeLayout } from '../../smoke/ocibuild.js';
import { scratch, wasmOf } from '../../testsuite/fixtures.js';
import { EXIT_SHIM_CRASH } from './task_manager.js';

let dir: string;
let cleanup: () => Promise<void>;
let client: Client;

beforeAll(async () => {
  ({ dir, cleanup } = await scratch());
  const shim = { workers: 2, maxTasksPerShim: 40 };
  client = await Client.open({
    root: path.join(dir, 'root'),
    state: path.join(dir, 'state'),
    config: { 'io.containerd.shim.v1.wasi': shim },
  });
  await client.importImage(
    await writeLayout(path.join(dir, 'layout'), [
      { name: 'hello', image: wasmArtifact(await wasmOf('hello')) },
      { name: 'spin', image: wasmArtifact(await wasmOf('spin')) },
    ]),
  );
});
afterAll(async () => {
  await client.close();
  await cleanup();
});

async function collect(sub: AsyncIterable<Envelope>, n: number): Promise<Envelope[]> {
  const out: Envelope[] = [];
  for await (const e of sub) if (out.push(e) >= n) break;
  return out;
}

describe('runtime v2 task manager', () => {
  it('publishes create -> start -> exit -> delete per task under concurrency, across shim recycling', async () => {
    const n = 100;
    const sub = client.events.subscribe('topic~=^/tasks/,event.containerId~=^order-');
    const got = collect(sub, n * 4);
    const before = await client.tasks.shimStats();
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const t = await client.newTask(`order-${i}`, { image: 'hello', io: { stdout: 'file', stderr: 'null' } });
        await t.start();
        expect((await t.wait()).status).toBe(0);
        await t.delete();
      }),
    );
    const events = await got;
    for (let i = 0; i < n; i++) {
      expect(events.filter((e) => (e.event as { containerId: string }).containerId === `order-${i}`).map((e) => e.topic)).toEqual([
        '/tasks/create',
        '/tasks/start',
        '/tasks/exit',
        '/tasks/delete',
      ]);
    }
    // 100 tasks at 40 per shim: retired shims were shut down once their tasks were deleted.
    const after = await client.tasks.shimStats();
    expect(after.length).toBeLessThanOrEqual(2);
    expect(after.map((s) => s.pid)).not.toEqual(before.map((s) => s.pid));
    expect(await client.tasks.tasks()).toEqual([]);
    // A cap, not a wait: three shims boot and retire inside it, 23 s in a full run at load 16.
  }, 90_000);

  it('survives a shim crash: its tasks exit with the reason, the next task gets a fresh shim', async () => {
    const sub = client.events.subscribe('topic==/tasks/exit,event.containerId~=^crash-');
    const t1 = await client.newTask('crash-1', { image: 'spin' });
    const t2 = await client.newTask('crash-2', { image: 'hello' });
    await t1.start();
    const victim = t1.pid;
    process.kill(victim, 'SIGKILL');
    const exit = await t1.wait();
    expect(exit.status).toBe(EXIT_SHIM_CRASH);
    expect(exit.error).toMatch(new RegExp(`shim .* \\(pid ${victim}\\) exited unexpectedly: signal SIGKILL`));
    expect((await t2.wait()).status).toBe(EXIT_SHIM_CRASH);
    const published = await collect(sub, 2);
    expect(published.map((e) => (e.event as { error: string }).error)).toEqual([exit.error, exit.error]);
    await t1.delete();
    await t2.delete();
    const t3 = await client.newTask('after-crash', { image: 'hello', io: { stdout: 'pipe', stderr: 'pipe' } });
    expect(t3.pid).not.toBe(victim);
    await t3.start();
    expect((await t3.wait()).stdout?.toString()).toBe('hello from wasi\n');
    await t3.delete();
  });

  it('replaces a shim after maxPreopenTasksPerShim tasks with a preopened rootfs (their fds leak until it exits), not after plain ones', async () => {
    const own = await scratch();
    const budgeted = await Client.open({
      root: path.join(own.dir, 'root'),
      state: path.join(own.dir, 'state'),
      config: { 'io.containerd.shim.v1.wasi': { workers: 1, maxTasksPerShim: 1000, maxPreopenTasksPerShim: 5 } },
    });
    try {
      const wasm = await wasmOf('hello');
      await budgeted.importImage(
        await writeLayout(path.join(own.dir, 'layout'), [
          { name: 'hello', image: wasmArtifact(wasm) },
          { name: 'hello-rootfs', image: await rootfsImage({ layers: [[{ name: 'hello.wasm', data: wasm }]], entrypoint: ['/hello.wasm'] }) },
        ]),
      );
      const run = async (id: string, image: string) => {
        const t = await budgeted.newTask(id, { image, io: { stdout: 'pipe', stderr: 'pipe' } });
        await t.start();
        expect((await t.wait()).stdout?.toString(), id).toBe('hello from wasi\n');
        await t.delete();
        return t.pid;
      };
      const rootfsPids: number[] = [];
      for (let i = 0; i < 12; i++) rootfsPids.push(await run(`rootfs-${i}`, 'hello-rootfs'));
      // 5 + 5 + 2: the third shim has room for 3 more preopens, and any number of plain tasks.
      expect(new Set(rootfsPids).size).toBe(3);
      const plainPids = new Set<number>();
      for (let i = 0; i < 12; i++) plainPids.add(await run(`plain-${i}`, 'hello'));
      expect([...plainPids]).toEqual([rootfsPids[11]]);
      expect((await budgeted.tasks.shimStats()).map((s) => s.pid)).toEqual([rootfsPids[11]]);
    } finally {
      await budgeted.close();
      await own.cleanup();
    }
  });

  it('bounds captured output: a noisy task is cut at pipeOutputLimitBytes with a marker, a co-tenant is untouched', async () => {
    const own = await scratch();
    const limited = await Client.open({
      root: path.join(own.dir, 'root'),
      state: path.join(own.dir, 'state'),
      config: { 'io.containerd.shim.v1.wasi': { workers: 2, pipeOutputLimitBytes: 1 << 20 } },
    });
    try {
      await limited.importImage(
        await writeLayout(path.join(own.dir, 'layout'), [
          { name: 'noisy', image: wasmArtifact(await wasmOf('noisy')) },
          { name: 'hello', image: wasmArtifact(await wasmOf('hello')) },
        ]),
      );
      const pipe = { stdout: 'pipe', stderr: 'pipe' } as const;
      const loud = await limited.newTask('loud', { image: 'noisy', args: ['3'], io: pipe });
      const small = await limited.newTask('spilled', { image: 'noisy', args: ['1'], io: pipe });
      const quiet = await limited.newTask('quiet', { image: 'hello', io: pipe });
      await Promise.all([loud.start(), small.start(), quiet.start()]);
      const [l, sm, q] = await Promise.all([loud.wait(), small.wait(), quiet.wait()]);
      expect(q.status).toBe(0);
      expect(q.stdout?.toString()).toBe('hello from wasi\n');
      expect(l.status).toBe(0);
      expect(l.truncated).toEqual({ stdout: 2 << 20 });
      expect(l.stdout!.length).toBeGreaterThan(1 << 20);
      expect(l.stdout!.subarray(1 << 20).toString()).toBe(`\n[runtime-core: stdout truncated: ${2 << 20} bytes beyond the ${1 << 20}-byte capture limit were dropped]\n`);
      // Exactly the limit: past the inline size, it came through the spill file, which is gone.
      expect(sm.stdout!.length).toBe(1 << 20);
      expect(sm.truncated).toBeUndefined();
      const bundle = (await small.state()).bundle;
      await expect(stat(path.join(bundle, 'stdout.pipe'))).rejects.toThrow(/ENOENT/);
      for (const t of [loud, small, quiet]) await t.delete();
      await expect(stat(bundle)).rejects.toThrow(/ENOENT/);
    } finally {
      await limited.close();
      await own.cleanup();
    }
  });

  it('validates ids, runtimes and lifecycle', async () => {
    await expect(client.newTask('bad id', { image: 'hello' })).rejects.toSatisfy(isInvalidArgument);
    await expect(client.newTask('x', { image: 'hello', runtime: 'io.containerd.nope.v1' })).rejects.toThrow(/no shim plugin serves it/);
    await expect(client.newTask('x', { image: 'missing' })).rejects.toSatisfy(isNotFound);
    await expect(client.newTask('x', { image: 'hello', sandboxId: 'nosuch' })).rejects.toSatisfy(isFailedPrecondition);
    const t = await client.newTask('lifecycle', { image: 'spin', labels: { suite: 'tm' } });
    await expect(client.newTask('lifecycle', { image: 'hello' })).rejects.toThrow(/already exists/);
    expect((await client.tasks.tasks('labels.suite==tm')).map((x) => x.id)).toEqual(['lifecycle']);
    await t.start();
    expect((await t.state()).status).toBe('running');
    await expect(t.delete()).rejects.toSatisfy(isFailedPrecondition);
    await t.kill('SIGKILL');
    expect((await t.wait()).status).toBe(137);
    await t.delete();
    await expect(t.delete()).rejects.toSatisfy(isNotFound);
  });
});

describe('sandboxes', () => {
  it('group tasks on one shim and outlive them until stopped', async () => {
    await client.metadata.sandboxes.create({ id: 'sb1', runtime: DEFAULT_RUNTIME });
    await client.sandboxes.create('sb1');
    const { pid } = await client.sandboxes.start('sb1');
    const a = await client.newTask('sb-a', { image: 'hello', sandboxId: 'sb1' });
    const b = await client.newTask('sb-b', { image: 'spin', sandboxId: 'sb1' });
    expect([a.pid, b.pid]).toEqual([pid, pid]);
    await a.start();
    await a.wait();
    await a.delete();
    expect((await client.sandboxes.status('sb1')).state).toBe('ready');
    await b.start();
    expect((await client.sandboxes.status('sb1')).tasks).toEqual(['sb-b']);
    const waited = client.sandboxes.wait('sb1');
    await client.sandboxes.shutdown('sb1');
    expect(await waited).toEqual({ exitStatus: 0 });
    expect((await b.wait()).status).toBe(137);
    await expect(client.metadata.sandboxes.get('sb1')).rejects.toSatisfy(isNotFound);
  });
});
