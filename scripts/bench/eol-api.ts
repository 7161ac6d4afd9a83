import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT } from '../build-portal';
import { startPortal, type Portal } from '../../test/support/portal';

// `npm run bench -- eol-api [--duration 10] [--connections 20] [--no-fast-path]`: the production portal serving
// /api/v1/products/containerd against a static file of the same bytes from apps/web/public, on the
// same server in the same run. Goal: ≥ 0.8 × the static rate with p99 < 20 ms.

const API_PATH = '/api/v1/products/containerd';
const STATIC_FILE = path.join(ROOT, 'apps', 'web', 'public', 'bench', 'eol-api-products-containerd.json');
const STATIC_PATH = '/bench/eol-api-products-containerd.json';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got "${process.argv[index + 1]}"`);
  return value;
}

const duration = option('duration', 10);
const connections = option('connections', 20);
// Measures the Next.js route handlers alone (see apps/web/lib/public-fast-path.ts).
const env: Record<string, string> = process.argv.includes('--no-fast-path') ? { SHEPHERD_PUBLIC_FAST_PATH: 'off' } : {};

/** Next serves only the public files present when it starts, so the file is written first. */
function writeStaticTwin(body: string): boolean {
  if (fs.existsSync(STATIC_FILE) && fs.statSync(STATIC_FILE).size === Buffer.byteLength(body)) return false;
  fs.mkdirSync(path.dirname(STATIC_FILE), { recursive: true });
  fs.writeFileSync(STATIC_FILE, body);
  return true;
}

async function measure(url: string) {
  await autocannon({ url, connections, duration: 2 }); // warm-up: JIT, caches, keep-alive sockets
  const result = await autocannon({ url, connections, duration });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99, bytes: result.throughput.average };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-bench-eol-'));
let portal: Portal | null = null;
try {
  console.log('eol-api: starting the production portal (builds first if sources changed)…');
  portal = await startPortal({ ...env, SHEPHERD_DATA_DIR: dataDir });
  const body = await (await fetch(`${portal.url}${API_PATH}`)).text();
  if (writeStaticTwin(body)) {
    await portal.stop();
    portal = await startPortal({ ...env, SHEPHERD_DATA_DIR: dataDir });
  }
  const staticBody = await (await fetch(`${portal.url}${STATIC_PATH}`)).text();
  if (staticBody.length !== body.length) throw new Error(`the static twin is ${staticBody.length} bytes, the API answer ${body.length}`);
  console.log(`eol-api: ${Buffer.byteLength(body)} bytes each; autocannon ${connections} connections × ${duration} s per URL`);

  const api = await measure(`${portal.url}${API_PATH}`);
  const file = await measure(`${portal.url}${STATIC_PATH}`);
  const ratio = api.rps / file.rps;
  const row = (name: string, r: typeof api) => `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p99 ${String(r.p99).padStart(4)} ms`;
  console.log(row(`API ${API_PATH}`, api));
  console.log(row(`static ${STATIC_PATH}`, file));
  console.log(`  ratio API/static: ${ratio.toFixed(2)} (goal ≥ 0.80), API p99 ${api.p99} ms (goal < 20 ms) → ${ratio >= 0.8 && api.p99 < 20 ? 'goal met' : 'goal NOT met'}`);
} finally {
  await portal?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
