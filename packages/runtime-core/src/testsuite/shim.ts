// Conformance suite every shim implementation must pass (containerd's runtime v2 shim
// expectations, runwasi's instance tests): lifecycle, exits, signals, stdio, events.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IOConfig } from '../core/runtime/runtime.js';
import type { Shim, ShimEvent, ShimManager } from '../core/shim/shim.js';
import { isAlreadyExists, isFailedPrecondition, isInvalidArgument, isNotFound } from '../errdefs/errdefs.js';
import type { ModuleName } from '../smoke/modules.js';
import { moduleFile, scratch } from './fixtures.js';

export function shimSuite(name: string, makeManager: () => ShimManager): void {
  describe(`shim conformance: ${name}`, () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    let shim: Shim;
    const events: ShimEvent[] = [];
    let seq = 0;

    beforeAll(async () => {
      ({ dir, cleanup } = await scratch());
      shim = await makeManager().start({ id: 'suite', workers: 2, workerMaxTasks: 25 });
      shim.onEvent((e) => events.push(e));
    });
    afterAll(async () => {
      await shim.shutdown();
      await cleanup();
    });

    const create = async (mod: ModuleName, o: { args?: string[]; env?: string[]; io?: IOConfig; id?: string; rootfs?: string; stdin?: string } = {}) => {
      const id = o.id ?? `${mod}-${++seq}`;
      const bundle = path.join(dir, 'bundles', id);
      await mkdir(bundle, { recursive: true });
      const module = await moduleFile(dir, mod);
      const spec = { args: ['m.wasm', ...(o.args ?? [])], env: o.env ?? [], module, ...(o.rootfs ? { rootfs: o.rootfs } : {}), ...(o.stdin ? { stdin: o.stdin } : {}) };
      await shim.create({ id, bundle, io: o.io ?? { stdout: 'pipe', stderr: 'pipe' }, spec });
      return { id, bundle };
    };

    it('runs a task through create -> start -> wait -> delete with ordered events', async () => {
      const { id } = await create('hello');
      expect((await shim.state(id)).status).toBe('created');
      await shim.start(id);
      const exit = await shim.wait(id);
      expect(exit.exitStatus).toBe(0);
      expect(Buffer.from(exit.stdout!).toString()).toBe('hello from wasi\n');
      expect((await shim.state(id)).status).toBe('stopped');
      expect((await shim.delete(id)).exitStatus).toBe(0);
      await expect(shim.state(id)).rejects.toSatisfy(isNotFound);
      const mine = events.filter((e) => e.event.containerId === id).map((e) => e.topic);
      expect(mine).toEqual(['/tasks/create', '/tasks/start', '/tasks/exit', '/tasks/delete']);
    });

    it('passes args and env, and reports exit codes and traps', async () => {
      const a = await create('args', { args: ['x', 'y'] });
      const e = await create('env', { env: ['A=1', 'B=two'] });
      const x = await create('exitCode');
      const t = await create('trap');
      for (const { id } of [a, e, x, t]) await shim.start(id);
      expect(Buffer.from((await shim.wait(a.id)).stdout!).toString()).toBe('m.wasm x y\n');
      expect(Buffer.from((await shim.wait(e.id)).stdout!).toString()).toBe('A=1 B=two\n');
      expect((await shim.wait(x.id)).exitStatus).toBe(42);
      const trap = await shim.wait(t.id);
      expect(trap.exitStatus).toBe(134);
      expect(trap.error).toMatch(/wasm trap: unreachable/);
      expect(Buffer.from(trap.stderr!).toString()).toMatch(/unreachable/);
      for (const { id } of [a, e, x, t]) await shim.delete(id);
    });

    it('reports a stack overflow as a trap (134), not as a failed instance', async () => {
      const { id } = await create('recurse');
      await shim.start(id);
      const exit = await shim.wait(id);
      expect(exit.exitStatus).toBe(134);
      expect(exit.error).toMatch(/^wasm trap: call stack exhausted/);
      await shim.delete(id);
      // The worker that caught it goes on running tasks.
      const next = await create('hello');
      await shim.start(next.id);
      expect((await shim.wait(next.id)).exitStatus).toBe(0);
      await shim.delete(next.id);
    });

    it('refuses a wasi_unstable (preview 0) module at create, saying so', async () => {
      const module = await moduleFile(dir, 'unstable');
      const err = await shim
        .create({ id: `unstable-${++seq}`, bundle: dir, io: { stdout: 'null', stderr: 'null' }, spec: { args: [], env: [], module } })
        .catch((e: unknown) => e);
      expect(isInvalidArgument(err)).toBe(true);
      expect((err as Error).message).toMatch(new RegExp(`^module ${module.digest}: imports wasi_unstable.proc_exit: "wasi_unstable" is WASI preview 0`));
    });

    it('keeps path calls inside the preopened directory, through symlinks the guest makes or finds', async () => {
      const rootfs = path.join(dir, `rootfs-${++seq}`);
      await mkdir(rootfs, { recursive: true });
      await symlink('/etc/hostname', path.join(rootfs, 'abs'));
      await symlink('../../../../../../../../etc/hostname', path.join(rootfs, 'up'));
      for (const found of ['abs', 'up']) {
        const { id } = await create('escape', { rootfs, args: [found] });
        await shim.start(id);
        // 7: the made link fails with ELOOP unfollowed, is refused followed, and the found one is refused.
        expect((await shim.wait(id)).exitStatus, found).toBe(7);
        await shim.delete(id);
        await rm(path.join(rootfs, 'esc'), { force: true });
      }
      // A link that stays inside still works, followed.
      await writeFile(path.join(rootfs, 'inside.txt'), 'inside\n');
      await symlink('inside.txt', path.join(rootfs, 'ok'));
      const cat = await create('cat', { rootfs, args: ['inside.txt'] });
      await shim.start(cat.id);
      expect(Buffer.from((await shim.wait(cat.id)).stdout!).toString()).toBe('inside\n');
      await shim.delete(cat.id);
    });

    it('reads stdin from a file, and poll_oneoff reports it ready', async () => {
      const input = path.join(dir, `stdin-${++seq}.txt`);
      await writeFile(input, 'typed in\n');
      const { id } = await create('stdin', { stdin: input });
      await shim.start(id);
      const exit = await shim.wait(id);
      expect(exit.exitStatus).toBe(0);
      expect(Buffer.from(exit.stdout!).toString()).toBe('typed in\n');
      await shim.delete(id);
      // /dev/null (no stdin given) is ready too: end of file at once.
      const none = await create('stdin');
      await shim.start(none.id);
      expect((await shim.wait(none.id)).exitStatus).toBe(0);
      await shim.delete(none.id);
    });

    it('gives every task a fresh memory, after tasks that dirtied or grew theirs', async () => {
      for (const mod of ['fresh', 'grow', 'fresh', 'fresh', 'trap', 'fresh'] as const) {
        const { id } = await create(mod);
        await shim.start(id);
        const exit = await shim.wait(id);
        await shim.delete(id);
        expect(exit.exitStatus, `${mod} (${id})`).toBe(mod === 'trap' ? 134 : 0);
      }
    });

    it('writes stdout and stderr to files in the bundle', async () => {
      const { id, bundle } = await create('stdio', { io: { stdout: 'file', stderr: 'file' } });
      await shim.start(id);
      expect((await shim.wait(id)).exitStatus).toBe(0);
      expect(await readFile(path.join(bundle, 'stdout'), 'utf8')).toBe('out\n');
      expect(await readFile(path.join(bundle, 'stderr'), 'utf8')).toBe('err\n');
      await shim.delete(id);
    });

    it('kills a running task, and one queued behind it, without losing other tasks', async () => {
      const spin = await create('spin');
      await shim.start(spin.id);
      await new Promise((r) => setTimeout(r, 200));
      const others = await Promise.all(Array.from({ length: 6 }, () => create('hello')));
      for (const o of others) await shim.start(o.id);
      const queued = await create('spin');
      await shim.start(queued.id);
      await shim.kill(queued.id, 'SIGTERM');
      await shim.kill(spin.id, 'SIGKILL');
      expect((await shim.wait(spin.id)).exitStatus).toBe(137);
      expect((await shim.wait(queued.id)).exitStatus).toBe(143);
      for (const o of others) expect((await shim.wait(o.id)).exitStatus).toBe(0);
      for (const t of [spin, queued, ...others]) await shim.delete(t.id);
    });

    it('moves tasks batched behind a looping task to another worker; kill still ends the loop', async () => {
      const spin = await create('spin');
      const hellos = await Promise.all(Array.from({ length: 10 }, () => create('hello')));
      // One burst: the loop and some of the hellos share a batch on one worker.
      await Promise.all([spin, ...hellos].map((t) => shim.start(t.id)));
      for (const h of hellos) expect((await shim.wait(h.id)).exitStatus, h.id).toBe(0);
      expect((await shim.state(spin.id)).status).toBe('running');
      await shim.kill(spin.id, 'SIGKILL');
      expect((await shim.wait(spin.id)).exitStatus).toBe(137);
      for (const t of [spin, ...hellos]) await shim.delete(t.id);
    });

    it('keeps running tasks while as many loops as workers run, and kill ends every loop', async () => {
      const spins = await Promise.all(Array.from({ length: 2 }, () => create('spin')));
      for (const t of spins) await shim.start(t.id);
      const later = await Promise.all(Array.from({ length: 4 }, () => create('hello')));
      for (const t of later) await shim.start(t.id);
      for (const t of later) expect((await shim.wait(t.id)).exitStatus, t.id).toBe(0);
      for (const t of spins) expect((await shim.state(t.id)).status).toBe('running');
      await Promise.all(spins.map((t, i) => shim.kill(t.id, i === 0 ? 'SIGTERM' : 'SIGKILL')));
      expect(await Promise.all(spins.map(async (t) => (await shim.wait(t.id)).exitStatus))).toEqual([143, 137]);
      for (const t of [...spins, ...later]) await shim.delete(t.id);
      // The extra workers went away once no task was long-running.
      const after = await create('hello');
      await shim.start(after.id);
      expect((await shim.wait(after.id)).exitStatus).toBe(0);
      await shim.delete(after.id);
    });

    it('kills a created task and refuses invalid transitions', async () => {
      const { id } = await create('hello');
      await expect(shim.create({ id, bundle: dir, io: { stdout: 'null', stderr: 'null' }, spec: { args: [], env: [], module: await moduleFile(dir, 'hello') } })).rejects.toSatisfy(isAlreadyExists);
      await shim.kill(id, 'SIGKILL');
      expect((await shim.wait(id)).exitStatus).toBe(137);
      await expect(shim.start(id)).rejects.toSatisfy(isFailedPrecondition);
      await expect(shim.kill(id, 'SIGKILL')).rejects.toSatisfy(isFailedPrecondition);
      await shim.delete(id);
      const spin = await create('spin');
      await shim.start(spin.id);
      await expect(shim.delete(spin.id)).rejects.toSatisfy(isFailedPrecondition);
      await shim.kill(spin.id, 'SIGKILL');
      await shim.wait(spin.id);
      await shim.delete(spin.id);
    });

    it('rejects modules it cannot run, naming the module digest', async () => {
      const bad = await moduleFile(dir, 'hello');
      const spec = (module: { path: string; digest: `sha256:${string}` }) => ({ id: `bad-${++seq}`, bundle: dir, io: { stdout: 'null', stderr: 'null' } as IOConfig, spec: { args: [], env: [], module } });
      const wrong = { ...bad, digest: `sha256:${'0'.repeat(64)}` as const };
      await expect(shim.create(spec(wrong))).rejects.toThrow(new RegExp(`module ${wrong.digest}: file .* hashes to ${bad.digest}`));
      await expect(shim.create({ ...spec(bad), spec: { args: [], env: ['NOEQUALS'], module: bad } })).rejects.toSatisfy(isInvalidArgument);
    });

    it('keeps per-task event order under concurrency and recycles workers', async () => {
      const before = events.length;
      const ids = await Promise.all(Array.from({ length: 60 }, (_, i) => create(i % 3 === 0 ? 'exitCode' : 'hello').then((t) => t.id)));
      await Promise.all(ids.map((id) => shim.start(id)));
      await Promise.all(ids.map((id) => shim.wait(id)));
      await Promise.all(ids.map((id) => shim.delete(id)));
      const seen = events.slice(before);
      for (const id of ids) {
        expect(seen.filter((e) => e.event.containerId === id).map((e) => e.topic)).toEqual(['/tasks/create', '/tasks/start', '/tasks/exit', '/tasks/delete']);
      }
      const stats = await shim.stats();
      expect(stats.workersRecycled).toBeGreaterThan(0);
      expect(stats.cachedModules).toBeGreaterThan(0);
    });
  });
}
