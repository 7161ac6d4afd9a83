// Plain node:wasi as a command-line runtime, the baseline runtime-core is compared with:
// what an embedder gets from `new WASI()` alone, with the process's own stdio.
// Usage: node node-wasi.js [--env K=V]... [--dir HOST::GUEST]... FILE.wasm [ARGS...]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const env: Record<string, string> = {};
const preopens: Record<string, string> = {};
while (argv[0] === '--env' || argv[0] === '--dir') {
  const [flag, value] = argv.splice(0, 2) as [string, string];
  if (flag === '--env') env[value.slice(0, value.indexOf('='))] = value.slice(value.indexOf('=') + 1);
  else {
    const [host, guest] = value.includes('::') ? value.split('::') : [value, value];
    preopens[guest!] = host!;
  }
}
const [file, ...args] = argv;
if (!file) {
  process.stderr.write('usage: node-wasi [--env K=V]... [--dir HOST::GUEST]... FILE.wasm [ARGS...]\n');
  process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [path.basename(file), ...args], env, preopens, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), wasi.getImportObject() as WebAssembly.Imports);
process.exitCode = wasi.start(instance);
