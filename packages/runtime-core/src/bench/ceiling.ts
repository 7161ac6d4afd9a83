// The machine's ceiling for the bench: bare WASI instances (new WASI + new WebAssembly.Instance +
// start, output to /dev/null), with memories pooled as the shim's workers pool them, in worker
// threads, with no runtime, shim, IPC, events or capture.
// Usage: node <shim flags> ceiling.js <module.wasm> <threads> <instances per thread>; prints JSON.
import { openSync, readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { importDefinedMemory, MemoryPool, POOLED_MEMORY_MODULE, POOLED_MEMORY_NAME } from '../plugins/shim/wasi/memory_pool.js';

if (isMainThread) {
  const [wasmPath, threads, count] = process.argv.slice(2);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(threads) }, () => new Promise((resolve, reject) => new Worker(new URL(import.meta.url), { workerData: { wasmPath, count: Number(count) } }).once('message', resolve).once('error', reject))),
  );
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ instancesPerSecond: (Number(threads) * Number(count)) / seconds })}\n`);
} else {
  const { wasmPath, count } = workerData as { wasmPath: string; count: number };
  const bytes = readFileSync(wasmPath);
  const pooled = importDefinedMemory(bytes);
  const module = new WebAssembly.Module(pooled?.bytes ?? bytes);
  const memories = new MemoryPool();
  const devNull = openSync('/dev/null', 'w');
  for (let i = 0; i < count; i++) {
    const wasi = new WASI({ version: 'preview1', args: ['module.wasm'], env: {}, stdout: devNull, stderr: devNull, returnOnExit: true });
    const imports = wasi.getImportObject() as WebAssembly.Imports;
    const memory = pooled && memories.take(pooled.memory);
    if (memory) imports[POOLED_MEMORY_MODULE] = { [POOLED_MEMORY_NAME]: memory };
    wasi.start(new WebAssembly.Instance(module, imports));
    if (memory) memories.give(pooled.memory, memory);
  }
  parentPort!.postMessage('done');
}
