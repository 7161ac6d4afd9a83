import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPortal, type Portal } from '../../test/support/portal';
import { startBareServer, type BareServer } from './lib/bare-server';
import { cores, loadText, measure, ms, type Figure } from './lib/measure';

// `npm run bench -- eol-api [--duration 10] [--connections 20] [--rounds 3] [--no-fast-path]`: the
// production portal serving /api/v1/products/containerd against a bare Node http server answering the
// same bytes and headers from memory (its own process, like the portal), in the same run, alternating
// rounds (after a 3 s warm-up of each) so both see the same machine. Goals: ≥ 0.8 × the bare server's rate, p99 < 10 ms.

const API_PATH = '/api/v1/products/containerd';
const GOAL_RATIO = 0.8;
const GOAL_P99_MS = 10;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got "${process.argv[index + 1]}"`);
  return value;
}

const duration = option('duration', 10);
const connections = option('connections', 20);
const rounds = option('rounds', 3);
// Measures the Next.js route handlers alone (see apps/web/server/public-answers.ts).
const env: Record<string, string> = process.argv.includes('--no-fast-path') ? { SHEPHERD_PUBLIC_FAST_PATH: 'off' } : {};

const average = (figures: Figure[]): Figure => ({
  rps: figures.reduce((sum, f) => sum + f.rps, 0) / figures.length,
  p50: Math.max(...figures.map((f) => f.p50)),
  p95: Math.max(...figures.map((f) => f.p95)),
  p99: Math.max(...figures.map((f) => f.p99)),
  requests: figures.reduce((sum, f) => sum + f.requests, 0),
  unexpected: figures.reduce((sum, f) => sum + f.unexpected, 0),
  load: [figures[0].load[0], figures[figures.length - 1].load[1]],
});

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-bench-eol-'));
let portal: Portal | null = null;
let bare: BareServer | null = null;
try {
  console.log('eol-api: starting the production portal (builds first if sources changed)…');
  portal = await startPortal({ ...env, SHEPHERD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  // Uncompressed, as autocannon asks (fetch would ask for gzip and decode it, keeping Content-Encoding).
  const first = await fetch(`${portal.url}${API_PATH}`, { headers: { 'accept-encoding': 'identity' } });
  const body = await first.text();
  const headers: Record<string, string> = {};
  first.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding'].includes(name)) headers[name] = value;
  });
  bare = await startBareServer(body, headers);
  const bareBody = await (await fetch(bare.url, { headers: { 'accept-encoding': 'identity' } })).text();
  if (bareBody !== body) throw new Error('the bare server does not answer the same bytes as the API');
  console.log(
    `eol-api: ${Buffer.byteLength(body)} bytes and ${Object.keys(headers).length} headers each; autocannon ${connections} connections × ${duration} s, ${rounds} round(s) each, alternating; ${cores()} cores`,
  );

  // Warm-up, not counted: Next loads its route modules in the background after it starts listening.
  await measure(`${portal.url}${API_PATH}`, { connections, duration: 3 });
  await measure(bare.url, { connections, duration: 3 });
  const api: Figure[] = [];
  const ceiling: Figure[] = [];
  for (let round = 0; round < rounds; round++) {
    api.push(await measure(`${portal.url}${API_PATH}`, { connections, duration }));
    ceiling.push(await measure(bare.url, { connections, duration }));
  }
  const row = (name: string, f: Figure) =>
    `  ${name.padEnd(34)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${ms(f.p50).padStart(5)} ms   p99 ${ms(f.p99).padStart(5)} ms   load ${loadText(f)}${f.unexpected ? `   ${f.unexpected} unexpected answers` : ''}`;
  api.forEach((figure, index) => {
    console.log(row(`round ${index + 1}: API ${API_PATH}`, figure));
    console.log(row(`round ${index + 1}: bare Node http server`, ceiling[index]));
  });
  const a = average(api);
  const b = average(ceiling);
  const ratio = a.rps / b.rps;
  const goals = [
    [`API ${a.rps.toFixed(0)} req/s ≥ ${GOAL_RATIO} × bare ${b.rps.toFixed(0)} req/s (ratio ${ratio.toFixed(2)})`, ratio >= GOAL_RATIO],
    [`API p99 ${ms(a.p99)} ms < ${GOAL_P99_MS} ms (worst round)`, a.p99 < GOAL_P99_MS],
    [`every answer 200 (${a.unexpected + b.unexpected} others)`, a.unexpected + b.unexpected === 0],
  ] as const;
  console.log(`\n  load average (1 min) ${os.loadavg()[0].toFixed(1)} on ${cores()} cores at the end\n`);
  for (const [text, met] of goals) console.log(`${met ? 'met ' : 'MISS'}  ${text}`);
  if (goals.some(([, met]) => !met)) process.exitCode = 1;
} finally {
  await bare?.stop();
  await portal?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
