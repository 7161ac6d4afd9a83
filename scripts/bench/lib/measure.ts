import { createRequire } from 'node:module';
import os from 'node:os';
import autocannon from 'autocannon';

// One measurement: autocannon keeps `connections` requests in flight for `duration` seconds after a
// short warm-up; every response's latency is kept, so p50, p95 and p99 are exact (autocannon's own
// summary has no p95). The load average is read before and after: on a shared machine it says how
// much the figure is worth.

// autocannon 9 appends every chunk of every response body to a string (`req.body += chunk`, a UTF-8
// decode) for its onResponse and expectBody options, which these benches do not use. On a 31 KB gzip
// page that decode was 84% of the client's CPU, and the client, not the server, set the rate (a bare
// Node server sending the same bytes got the same figure). Bodies are counted (autocannon counts
// bytes apart from this), not kept.
const { prototype: requestQueue } = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as { prototype: { addBody(data: Buffer): void } };
requestQueue.addBody = () => undefined;

export interface Figure {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  /** Answers other than the expected status, and transport errors. */
  unexpected: number;
  load: [number, number];
}

export interface MeasureOptions {
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  warmup?: number;
  expectStatus?: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

function run(url: string, options: MeasureOptions, duration: number, latencies: number[] | null) {
  let unexpected = 0;
  return new Promise<{ result: autocannon.Result; unexpected: number }>((resolve, reject) => {
    const instance = autocannon({ url, connections: options.connections, duration, headers: options.headers }, (error, result) => (error ? reject(error) : resolve({ result, unexpected: unexpected + result.errors })));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status !== (options.expectStatus ?? 200)) unexpected++;
      latencies?.push(responseTime);
    });
  });
}

export async function measure(url: string, options: MeasureOptions): Promise<Figure> {
  await run(url, options, options.warmup ?? 1, null); // JIT, caches, keep-alive sockets
  const before = os.loadavg()[0];
  const latencies: number[] = [];
  const { result, unexpected } = await run(url, options, options.duration, latencies);
  const after = os.loadavg()[0];
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / options.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    unexpected,
    load: [before, after],
  };
}

export const ms = (value: number) => (Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(1) : value.toFixed(0));
export const loadText = (figure: Figure) => `${figure.load[0].toFixed(1)}→${figure.load[1].toFixed(1)}`;
export const cores = () => os.cpus().length;
