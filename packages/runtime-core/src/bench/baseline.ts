// Process-per-task baseline: one fresh node process runs one WASI task, as a runtime that
// forks a process per task would. Usage: node baseline.js <module.wasm> <stdout file>
import { closeSync, openSync, readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [wasmPath, outPath] = process.argv.slice(2);
const fd = openSync(outPath!, 'w');
const wasi = new WASI({ version: 'preview1', args: ['module.wasm'], env: {}, stdout: fd, stderr: fd, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath!)), wasi.getImportObject() as WebAssembly.Imports);
const code = wasi.start(instance);
closeSync(fd);
process.exitCode = code;
