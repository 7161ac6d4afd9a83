// CLI subcommands operating on an open client.
import path from 'node:path';
import type { Client } from '../client/client.js';
import { DEFAULT_RUNTIME } from '../client/client.js';
import type { IOMode } from '../core/runtime/runtime.js';
import { invalidArgument } from '../errdefs/errdefs.js';
import { Progress } from '../pkg/progress.js';
import { flag, intFlag, type Parsed } from './args.js';
import { TaskRecords } from './tasks.js';

type Handler = (c: Client, p: Parsed, args: string[]) => Promise<number>;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('')).join('\n') + '\n';
}

const out = (s: string) => process.stdout.write(s);
const records = (c: Client) => new TaskRecords(path.join(c.tasks.config.stateDir, 'cli-tasks'));

function need(args: string[], n: number, what: string): void {
  if (args.length < n) throw invalidArgument(`missing ${what}`);
}

// Each command's own flags, as in USAGE.
export const COMMAND_FLAGS: Record<string, string[]> = {
  'images import': ['name', 'no-unpack'],
  'images ls': [],
  'images rm': [],
  'images export': ['format'],
  run: ['rm', 'runtime', 'timeout', 'env', 'io'],
  'tasks ls': [],
  'tasks kill': ['signal'],
  'plugins ls': ['detailed'],
  'content ls': [],
  'content gc': [],
  smoke: ['runtime'],
  bench: ['tasks', 'parallel', 'warmup', 'baseline-tasks', 'io', 'no-events', 'rootfs', 'runtime', 'workers', 'max-tasks-per-shim', 'ceiling', 'output-mib', 'pipe-limit-mib'],
};

export const commands: Record<string, Handler> = {
  'images import': async (c, p, args) => {
    need(args, 1, 'PATH of the OCI layout');
    const progress = new Progress(`import ${args[0]}`);
    let blobs = 0;
    const names = await c.importImage(path.resolve(args[0]!), {
      ...(flag(p, 'name') ? { name: flag(p, 'name')! } : {}),
      ...(flag(p, 'no-unpack') ? { unpack: false } : {}),
      progress: (e) => {
        if (e.event === 'saved') progress.update(`${++blobs} blobs saved`);
        else if (e.event === 'unpacking') progress.update(`unpacking ${e.name} layer ${(e.progress ?? 0) + 1}/${e.total}`, true);
      },
    });
    progress.done(`${blobs} blobs, ${names.length} image(s)`);
    for (const n of names) out(`${n}\n`);
    return 0;
  },
  'images ls': async (c, _p, filters) => {
    const rows = [['REF', 'TYPE', 'DIGEST', 'SIZE']];
    for (const i of await c.images.list(...filters)) rows.push([i.name, i.target.mediaType, i.target.digest, String(i.target.size)]);
    out(table(rows));
    return 0;
  },
  'images rm': async (c, _p, names) => {
    need(names, 1, 'image NAME');
    for (const n of names) {
      await c.images.delete(n);
      out(`${n}\n`);
    }
    return 0;
  },
  'images export': async (c, p, args) => {
    need(args, 2, 'OUT path and image NAME');
    const format = (flag(p, 'format') ?? (args[0]!.endsWith('.tar') ? 'tar' : 'directory')) as 'tar' | 'directory';
    if (format !== 'tar' && format !== 'directory') throw invalidArgument(`--format: want tar or directory, got ${JSON.stringify(format)}`);
    await c.exportImages(args.slice(1), path.resolve(args[0]!), format);
    out(`${args[0]}\n`);
    return 0;
  },
  run: async (c, p, args) => {
    need(args, 2, 'IMAGE and task ID');
    const [image, id, ...taskArgs] = args as [string, string, ...string[]];
    const ioMode = (flag(p, 'io') ?? 'pipe') as IOMode;
    if (!['file', 'pipe', 'null'].includes(ioMode)) throw invalidArgument(`--io: want file, pipe or null, got ${JSON.stringify(ioMode)}`);
    const runtime = flag(p, 'runtime') ?? DEFAULT_RUNTIME;
    const recs = records(c);
    const task = await c.newTask(id, { image, runtime, args: taskArgs, env: p.flags.get('env') ?? [], io: { stdout: ioMode, stderr: ioMode } });
    const rec = { id, image, runtime, owner: process.pid, status: 'created' as const, startedAt: new Date().toISOString() };
    await recs.put(rec);
    const onKill = () => void recs.pendingKill(id).then((sig) => sig && task.kill(sig).catch(() => undefined));
    const onSignal = (sig: NodeJS.Signals) => void task.kill(sig).catch(() => undefined);
    process.on('SIGUSR2', onKill);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      await task.start();
      await recs.put({ ...rec, status: 'running' });
      const timeout = flag(p, 'timeout') ? intFlag(p, 'timeout', 1) : undefined;
      const timer = timeout ? setTimeout(() => void task.kill('SIGKILL').catch(() => undefined), timeout) : undefined;
      const exit = await task.wait();
      clearTimeout(timer);
      await recs.put({ ...rec, status: 'stopped', exitStatus: exit.status });
      const st = await task.state();
      if (exit.stdout) process.stdout.write(exit.stdout);
      if (exit.stderr) process.stderr.write(exit.stderr);
      if (ioMode === 'file') process.stderr.write(`stdout: ${st.stdout}\nstderr: ${st.stderr}\n`);
      if (exit.error) process.stderr.write(`task ${id}: ${exit.error}\n`);
      // Without --rm a file-mode task is left stopped so its output files stay readable.
      if (flag(p, 'rm') || ioMode !== 'file') {
        await task.delete();
        await recs.remove(id);
      }
      return exit.status;
    } finally {
      process.off('SIGUSR2', onKill);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
  'tasks ls': async (c) => {
    const rows = [['TASK', 'IMAGE', 'RUNTIME', 'OWNER', 'STATUS']];
    for (const r of await records(c).list()) {
      rows.push([r.id, r.image, r.runtime, String(r.owner), r.status === 'stopped' ? `stopped (${r.exitStatus})` : r.status]);
    }
    out(table(rows));
    return 0;
  },
  'tasks kill': async (c, p, args) => {
    need(args, 1, 'task ID');
    const signal = (flag(p, 'signal') ?? 'SIGTERM').toUpperCase();
    const sig = (signal.startsWith('SIG') ? signal : `SIG${signal}`) as NodeJS.Signals;
    if (!['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP'].includes(sig)) throw invalidArgument(`--signal: unsupported ${JSON.stringify(signal)}`);
    await records(c).kill(args[0]!, sig);
    return 0;
  },
  'plugins ls': async (c, p) => {
    const detailed = Boolean(flag(p, 'detailed'));
    const rows = [detailed ? ['TYPE', 'ID', 'REQUIRES', 'STATUS', 'INIT ERROR'] : ['TYPE', 'ID', 'STATUS']];
    for (const i of c.pluginInfo()) {
      rows.push(detailed ? [i.type, i.id, i.requires.join(',') || '-', i.status, i.initError ?? '-'] : [i.type, i.id, i.status]);
    }
    out(table(rows));
    return 0;
  },
  'content ls': async (c, _p, filters) => {
    const rows = [['DIGEST', 'SIZE', 'LABELS']];
    await c.content.walk((i) => {
      rows.push([i.digest, String(i.size), Object.entries(i.labels).map(([k, v]) => `${k}=${v}`).join(',') || '-']);
    }, ...filters);
    out(table(rows));
    return 0;
  },
  'content gc': async (c) => {
    const r = await c.gc.collect();
    out(`removed ${r.removedContent.length} blobs and ${r.removedSnapshots.length} snapshots in ${Math.round(r.durationMs)} ms\n`);
    for (const d of r.removedContent) out(`${d}\n`);
    return 0;
  },
};
