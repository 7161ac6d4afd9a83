// CLI subcommands operating on an open client.
import path from 'node:path';
import type { Client } from '../client/client.js';
import { DEFAULT_RUNTIME } from '../client/client.js';
import type { IOMode } from '../core/runtime/runtime.js';
import { failedPrecondition, invalidArgument } from '../errdefs/errdefs.js';
import { adaptObject, parseAll } from '../filters/filters.js';
import { listenForEvents } from '../plugins/events/remote.js';
import { Progress } from '../pkg/progress.js';
import { flag, intFlag, type Parsed } from './args.js';
import { TaskRecords, type TaskRecord } from './tasks.js';
import { createWriteStream, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

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

// --dir HOST[:GUEST] (or HOST::GUEST, as wasmtime spells it); the guest path defaults to HOST.
export function parseDir(spec: string): { host: string; guest: string } {
  const sep = spec.includes('::') ? '::' : ':';
  const at = spec.indexOf(sep);
  const [host, guest] = at === -1 ? [spec, spec] : [spec.slice(0, at), spec.slice(at + sep.length)];
  if (!host || !guest) throw invalidArgument(`--dir ${JSON.stringify(spec)}: want HOST[:GUEST]`);
  return { host, guest };
}

// `run` takes a module file where an image name would be: an existing file, or a name ending in .wasm.
function isModuleFile(target: string): boolean {
  if (target.endsWith('.wasm')) return true;
  try {
    return statSync(target).isFile();
  } catch {
    return false;
  }
}

async function saveStdin(c: Client, id: string): Promise<string> {
  const file = path.join(c.tasks.config.stateDir, 'stdin', `${id}-${process.pid}`);
  await mkdir(path.dirname(file), { recursive: true });
  await pipeline(process.stdin, createWriteStream(file));
  return file;
}

// Each command's own flags, as in USAGE.
export const COMMAND_FLAGS: Record<string, string[]> = {
  'images import': ['name', 'no-unpack'],
  'images ls': [],
  'images rm': [],
  'images export': ['format'],
  run: ['rm', 'runtime', 'timeout', 'env', 'clear-env', 'io', 'stdin', 'dir'],
  'tasks ls': [],
  'tasks kill': ['signal'],
  'tasks rm': [],
  events: ['format'],
  'plugins ls': ['detailed'],
  'content ls': [],
  'content gc': [],
  smoke: ['runtime'],
  conformance: ['suite', 'runtime'],
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
    need(args, 2, 'IMAGE (or module FILE.wasm) and task ID');
    const [target, id, ...taskArgs] = args as [string, string, ...string[]];
    // Every flag is checked before anything is created.
    const ioMode = (flag(p, 'io') ?? 'pipe') as IOMode;
    if (!['file', 'pipe', 'null'].includes(ioMode)) throw invalidArgument(`--io: want file, pipe or null, got ${JSON.stringify(ioMode)}`);
    const runtime = flag(p, 'runtime') ?? DEFAULT_RUNTIME;
    const timeout = flag(p, 'timeout') === undefined ? undefined : intFlag(p, 'timeout', 1);
    const dirs = (p.flags.get('dir') ?? []).map(parseDir);
    const stdinFlag = flag(p, 'stdin');
    const module = isModuleFile(target);
    const recs = records(c);
    // `--stdin -` is read to its end first: a task's stdin is a file the shim can open (a task
    // blocked reading a pipe could not be killed).
    const stdinCopy = stdinFlag === '-' ? await saveStdin(c, id) : undefined;
    try {
      const task = await c.newTask(id, {
        ...(module ? { module: target } : { image: target }),
        runtime,
        args: taskArgs,
        env: p.flags.get('env') ?? [],
        replaceEnv: Boolean(flag(p, 'clear-env')),
        io: { stdout: ioMode, stderr: ioMode },
        dirs,
        ...(stdinFlag === undefined ? {} : { stdin: stdinCopy ?? stdinFlag }),
      });
      const rec: TaskRecord = { id, image: target, runtime, owner: process.pid, status: 'created', startedAt: new Date().toISOString() };
      await recs.put(rec);
      const onKill = () => void recs.pendingKill(id).then((sig) => sig && task.kill(sig).catch(() => undefined));
      const onSignal = (sig: NodeJS.Signals) => void task.kill(sig).catch(() => undefined);
      process.on('SIGUSR2', onKill);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await task.start();
        await recs.put({ ...rec, status: 'running' });
        const timer = timeout ? setTimeout(() => void task.kill('SIGKILL').catch(() => undefined), timeout) : undefined;
        const exit = await task.wait();
        clearTimeout(timer);
        const st = await task.state();
        if (exit.stdout) process.stdout.write(exit.stdout);
        if (exit.stderr) process.stderr.write(exit.stderr);
        if (ioMode === 'file') process.stderr.write(`stdout: ${st.stdout}\nstderr: ${st.stderr}\n`);
        if (exit.error) process.stderr.write(`task ${id}: ${exit.error}\n`);
        for (const [stream, n] of Object.entries(exit.truncated ?? {})) {
          process.stderr.write(`task ${id}: ${stream} truncated: ${n} bytes past the shim's capture limit (pipeOutputLimitBytes) were dropped\n`);
        }
        // Without --rm a file-mode task is kept, stopped, so its output files stay readable
        // until `tasks rm`.
        if (flag(p, 'rm') || ioMode !== 'file') {
          await task.delete();
          await recs.remove(id);
        } else {
          c.tasks.retain(id);
          await recs.put({ ...rec, status: 'stopped', exitStatus: exit.status });
        }
        return exit.status;
      } finally {
        process.off('SIGUSR2', onKill);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    } finally {
      if (stdinCopy) await rm(stdinCopy, { force: true });
    }
  },
  'tasks ls': async (c) => {
    const rows = [['TASK', 'IMAGE', 'RUNTIME', 'OWNER', 'STATUS']];
    for (const r of await records(c).list((id) => c.tasks.reservations.get(id) !== undefined)) {
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
  'tasks rm': async (c, _p, ids) => {
    need(ids, 1, 'task ID');
    for (const id of ids) {
      await c.removeTask(id);
      await records(c).remove(id);
      out(`${id}\n`);
    }
    return 0;
  },
  events: async (c, p, filters) => {
    const format = flag(p, 'format') ?? 'text';
    if (format !== 'text' && format !== 'json') throw invalidArgument(`--format: want text or json, got ${JSON.stringify(format)}`);
    const match = parseAll(filters);
    const dir = c.events.listenersDir;
    if (!dir) throw failedPrecondition('the event exchange has no state directory to listen in');
    const stop = await listenForEvents(dir, (e) => {
      if (!match.match(adaptObject(e))) return;
      out(format === 'json' ? `${JSON.stringify(e)}\n` : `${String(e.timestamp)} ${e.namespace} ${e.topic} ${JSON.stringify(e.event)}\n`);
    });
    process.stderr.write(`listening for events from every process on this root (state ${dir})\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await stop();
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
