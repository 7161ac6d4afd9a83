import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { finished } from 'node:stream';
import type { Representation } from '@shepherd/governance/eol/representation';
import { flushLogs, logger, redactUrl } from '@shepherd/governance/observability/logger';
import { metrics } from '@shepherd/governance/observability/metrics';
import { PEER_HEADER } from '../lib/request-guard';
import { SECURITY_HEADERS } from '../lib/security-headers';
import { today } from '../lib/today';
import { isAnonymous, Origins, pageKey, pathOf } from './memory-key';
import { recordRequest } from './request-metrics';
import { sendRepresentation } from './respond';
import { loadRouteNames } from './routes';

// The portal's front process (production): it owns the listening socket and runs the Next process
// (main.ts, `--backend`) as its child on a loopback port. Public traffic is mostly the same few
// anonymous answers, so the front keeps copies of those the Next process answered from memory
// (handed over by IPC, under the key memory-key.ts names them by) and sends them itself, in a process
// without Next, the database or the scheduler; everything else is passed to the Next process as it
// came, streamed both ways, with the client's address vouched for by a secret only the two share.
// The copies are dropped when the Next process drops its own (it says so by IPC), when a request
// that may write is answered, and at the end of the UTC day; a copy of an answer computed before one
// of those is refused (each proxied request carries the front's generation, which the copy echoes).
// Logs: the front logs its own answers; metrics: the Next process adds the front's to /metrics.
// SIGTERM/SIGINT: stop listening, pass the signal on, exit with the Next process's code.

export const FRONT_HEADER = 'x-shepherd-front';
export const GENERATION_HEADER = 'x-shepherd-front-generation';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

/** What the Next process tells the front. */
export type BackendMessage =
  | { type: 'listening'; port: number }
  | { type: 'invalidated' }
  | { type: 'remember'; generation: string; key: string; day: string; representation: Representation; headers: Record<string, string> }
  | { type: 'metrics?'; id: number };

interface Copy {
  day: string;
  representation: Representation;
  headers: Record<string, string>;
  /** Its route pattern, for metrics and logs: worked out at its first use. */
  route?: string;
}

export async function startFront(options: { port: number; hostname?: string; entry: string }): Promise<void> {
  const log = logger();
  const secret = randomBytes(24).toString('base64url');
  const copies = new Map<string, Copy>();
  const origins = new Origins();
  const routes = loadRouteNames(path.resolve(import.meta.dirname, '..'), false);
  let generation = 0;
  const drop = () => {
    generation++;
    copies.clear();
  };

  const backend: ChildProcess = fork(options.entry, ['--backend'], {
    env: { ...process.env, SHEPHERD_FRONT_SECRET: secret },
    stdio: 'inherit',
    serialization: 'advanced',
  });
  let shuttingDown = false;
  const backendPort = await new Promise<number>((resolve) => {
    backend.on('message', function listening(message: BackendMessage) {
      if (message.type === 'listening') {
        backend.off('message', listening);
        resolve(message.port);
      }
    });
    // The Next process says why it could not start (bad configuration, a stale build): same exit code.
    backend.once('exit', (code, signal) => {
      if (!shuttingDown) log.error({ code, signal }, 'the Next process exited');
      flushLogs();
      process.exit(code ?? 1);
    });
  });

  backend.on('message', (message: BackendMessage) => {
    if (message.type === 'invalidated') drop();
    else if (message.type === 'remember') {
      if (message.generation !== String(generation) || message.day !== today()) return;
      // Bounded like the Next process's page cache.
      if (copies.size >= 1_000 && !copies.has(message.key)) copies.delete(copies.keys().next().value!);
      copies.set(message.key, { day: message.day, representation: message.representation, headers: message.headers });
    } else if (message.type === 'metrics?') {
      void metrics()
        .registry.getMetricsAsJSON()
        .then((json) => backend.send({ type: 'metrics', id: message.id, json }));
    }
  });

  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const peer = request.socket.remoteAddress ?? '';
    if (!shuttingDown && (method === 'GET' || method === 'HEAD') && isAnonymous(request)) {
      const copy = copies.get(pageKey(request, 'anonymous', origins.of(request, peer), url));
      if (copy && copy.day === today()) {
        const status = sendRepresentation(request, response, copy.representation, copy.headers);
        recordRequest(log, 'info', method, url, (copy.route ??= routes.of(pathOf(url))), status, 'cache', performance.now() - started);
        return;
      }
    }
    const writes = !SAFE_METHODS.has(method);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    headers[PEER_HEADER] = peer;
    headers[FRONT_HEADER] = secret;
    headers[GENERATION_HEADER] = String(generation);
    let inner: http.ClientRequest;
    try {
      inner = http.request({ host: '127.0.0.1', port: backendPort, method, path: url, headers, agent });
    } catch (error) {
      // A path Node will not send (a raw space, a control character).
      const body = JSON.stringify({ error: { code: 'invalid_argument', message: `path: ${(error as Error).message}` } });
      response.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' }).end(body);
      return;
    }
    inner.on('response', (answer) => {
      // A write is done when its answer starts: the next reader must not get a copy from before it.
      if (writes) drop();
      const raw: string[] = [];
      for (let index = 0; index < answer.rawHeaders.length; index += 2) {
        if (!HOP_BY_HOP.has(answer.rawHeaders[index].toLowerCase())) raw.push(answer.rawHeaders[index], answer.rawHeaders[index + 1]);
      }
      if (shuttingDown || /\bclose\b/i.test(answer.headers.connection ?? '')) raw.push('Connection', 'close');
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      answer.pipe(response);
      // An answer cut short is cut short for the client too (rather than left waiting).
      finished(answer, (error) => {
        if (error && !answer.complete) response.destroy();
      });
    });
    inner.on('error', (error) => {
      // Once the answer has begun, its own stream ends the response (the Next process may answer,
      // a 413 say, and close before the whole body was sent to it).
      if (response.headersSent) return;
      log.error({ err: error, method, url: redactUrl(url) }, 'the Next process did not answer');
      response.writeHead(502, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad Gateway');
    });
    response.once('close', () => {
      if (!response.writableFinished) inner.destroy();
      if (writes) drop();
    });
    // The Next process stopped reading a body it refused (past a size limit): so does the front, once
    // the refusal is sent, as the Next process would have alone (the client stops sending).
    inner.once('close', () => {
      if (request.complete) return;
      request.unpipe(inner);
      if (response.writableFinished) request.socket.destroy();
      else response.once('finish', () => request.socket.destroy());
    });
    request.pipe(inner);
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    server.close();
    server.closeIdleConnections();
    // The Next process finishes what is in flight, hands back background work and exits; so do we.
    backend.kill(signal);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, shutdown);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ port, backendPort }, `listening on http://localhost:${port}`);
}
