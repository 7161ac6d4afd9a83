// Locates sibling entry points (shim process, worker thread). Built code runs the .js
// files directly; when running from TypeScript sources (vitest, tsx) the child needs tsx's
// loader, which only the monorepo's dev install provides.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface Entry {
  file: string;
  fromSource: boolean;
}

export function siblingEntry(base: string, name: string): Entry {
  const dir = path.dirname(fileURLToPath(base));
  const js = path.join(dir, `${name}.js`);
  if (existsSync(js)) return { file: js, fromSource: false };
  return { file: path.join(dir, `${name}.ts`), fromSource: true };
}

function tsxFile(rel: string): string {
  const req = createRequire(import.meta.url);
  return path.join(path.dirname(req.resolve('tsx/package.json')), rel);
}

// Node flags that make a child process able to import the entry.
export function nodeArgsFor(e: Entry): string[] {
  return e.fromSource ? ['--import', pathToFileURL(tsxFile('dist/loader.mjs')).href] : [];
}

export function startWorker(e: Entry, opts: WorkerOptions): Worker {
  if (!e.fromSource) return new Worker(e.file, opts);
  // Worker threads do not inherit loader hooks on Node 20: register tsx inside the worker.
  const api = pathToFileURL(tsxFile('dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(e.file).href)}); })`;
  return new Worker(boot, { ...opts, eval: true });
}
