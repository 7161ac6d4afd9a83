import http from 'node:http';
import path from 'node:path';
import next from 'next';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import { DEFAULT_CHECK_INTERVAL_MS } from '@shepherd/governance';
import { proxyTrust } from '@shepherd/governance/auth/proxy-trust';
import { flushLogs, logger, redactUrl } from '@shepherd/governance/observability/logger';
import { startInProcessScheduler } from '../../../jobs/index';
import { database, prisma, startDatabase } from '../lib/database';
import { startAuth } from '../lib/first-admin';
import { announceWrite, checkVersionsEvery } from '../lib/public-cache';
import { guardRequest, PEER_HEADER } from '../lib/request-guard';
import { SECURITY_HEADERS } from '../lib/security-headers';
import { startWorkers } from '../lib/workers';
import { answerOperations, OPERATIONS_PATHS } from './operations';
import { FRONT_HEADER, GENERATION_HEADER, type BackendMessage } from './front';
import { pathOf } from './memory-key';
import { PublicAnswers } from './public-answers';
import { recordRequest } from './request-metrics';
import { loadRouteNames } from './routes';

// The portal's Next process and its HTTP server (Next documents this as a custom server: `next({ dev })`
// and its request handler). In production it runs behind the front process (front.ts), which owns the
// public socket, vouches for each client's address, and gets a copy of each anonymous answer this
// server sends from memory; with SHEPHERD_FRONT=off and in development it owns the socket itself.
// For every request, in order:
//  1. guards it (lib/request-guard.ts: records the TCP peer for the proxy-trust rule, refuses a path
//     Next cannot decode);
//  2. answers /healthz, /readyz and /metrics itself (operations.ts);
//  3. answers cached public representations and anonymous public pages from memory (public-answers.ts),
//     with the same security headers as Next's answers; a render of a missing page goes through Next;
//  4. hands everything else to Next.
// Step 3's hits are checked first, synchronously, before 1 and 2: they are most of the public traffic,
// and their URL is one Next already answered.
// It logs one line per request (status, duration) and measures it, runs the scheduler and the
// qualification worker in-process, and on SIGTERM or SIGINT stops taking requests, hands back
// background work and exits within SHEPHERD_SHUTDOWN_TIMEOUT_MS.

export const WEB_DIR = path.resolve(import.meta.dirname, '..');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface ServerOptions {
  dev: boolean;
  port: number;
  /** Listen address; by default every interface, as `next start` does. */
  hostname?: string;
  shutdownTimeoutMs?: number;
  /** Run as the Next process behind the front process (front.ts), which shares this secret. */
  frontSecret?: string;
}

/** This process's side of the IPC channel with the front process (front.ts). */
function connectFront() {
  const send = (message: BackendMessage) => process.send?.(message);
  const waiting = new Map<number, (json: MetricObjectWithValues<MetricValue<string>>[]) => void>();
  let asked = 0;
  process.on('message', (message: { type: string; id: number; json: MetricObjectWithValues<MetricValue<string>>[] }) => {
    if (message.type === 'metrics') waiting.get(message.id)?.(message.json);
    waiting.delete(message.id);
  });
  // Writes by other processes are noticed by the data version check, which requests no longer trigger here.
  checkVersionsEvery(Number(process.env.SHEPHERD_PUBLIC_CACHE_CHECK_MS) || DEFAULT_CHECK_INTERVAL_MS);
  return {
    listening: (port: number) => send({ type: 'listening', port }),
    remember: (message: Extract<BackendMessage, { type: 'remember' }>) => send(message),
    /** The front's own request measurements, for /metrics. */
    metrics: () =>
      new Promise<MetricObjectWithValues<MetricValue<string>>[]>((resolve) => {
        const id = ++asked;
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve([]);
        }, 2_000);
        waiting.set(id, (json) => {
          clearTimeout(timer);
          resolve(json);
        });
        send({ type: 'metrics?', id });
      }),
  };
}

export async function startServer(options: ServerOptions): Promise<http.Server> {
  const log = logger();
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? (Number(process.env.SHEPHERD_SHUTDOWN_TIMEOUT_MS) || 20_000);
  try {
    proxyTrust();
    await startDatabase();
    await startAuth();
  } catch (error) {
    // Bad configuration must stop the server with one line a person can act on.
    log.fatal(`Shepherd cannot start: ${(error as Error).message}`);
    flushLogs();
    process.exit(1);
  }
  const stopWorker = await startWorkers();
  // What the scheduler's jobs write in this process is seen by the next public answer (as after a write request).
  const scheduler = startInProcessScheduler(await prisma(), { afterRun: announceWrite });

  const server = http.createServer();
  const app = next({ dev: options.dev, dir: WEB_DIR, hostname: options.hostname ?? 'localhost', port: options.port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  const routes = loadRouteNames(WEB_DIR, options.dev);
  const listening = () => {
    const address = server.address();
    const host = typeof address === 'object' && address && address.address !== '::' && address.address !== '0.0.0.0' ? address.address : '127.0.0.1';
    return { host, port: typeof address === 'object' && address ? address.port : options.port };
  };
  // Requests the front process passed on: it vouches for their client's address (PEER_HEADER).
  const viaFront = new WeakSet<http.IncomingMessage>();
  const peerOf = (request: http.IncomingMessage) => (viaFront.has(request) ? String(request.headers[PEER_HEADER] ?? '') : (request.socket.remoteAddress ?? ''));
  const front = options.frontSecret ? connectFront() : null;
  const answers =
    process.env.SHEPHERD_PUBLIC_FAST_PATH === 'off'
      ? null
      : new PublicAnswers({
          routes,
          address: listening,
          peerOf,
          onRenderError: (error, url) => log.warn({ err: error, url: redactUrl(url) }, 'page cache: the render failed; Next answers directly'),
          onAnonymousHit: front
            ? (request, key, day, answer) => {
                const generation = request.headers[GENERATION_HEADER];
                if (viaFront.has(request) && typeof generation === 'string') front.remember({ type: 'remember', generation, key, day, representation: answer.representation, headers: answer.headers });
              }
            : undefined,
        });

  let shuttingDown = false;
  let inFlight = 0;
  let drained: (() => void) | null = null;

  /** One measurement and (at its level) one log line per request. */
  const answered = (method: string, url: string, status: number, by: 'cache' | 'next' | 'server' | 'render', started: number, aborted?: boolean) => {
    const ms = performance.now() - started;
    const pathname = pathOf(url);
    const route = OPERATIONS_PATHS.has(pathname) ? pathname : routes.of(pathname);
    const level = status >= 500 ? 'error' : by === 'render' || QUIET_PATHS.has(pathname) ? 'debug' : 'info';
    recordRequest(log, level, method, url, route, status, by, ms, aborted);
  };

  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const started = performance.now();
    if (front && request.headers[FRONT_HEADER] !== undefined) {
      if (request.headers[FRONT_HEADER] === options.frontSecret) viaFront.add(request);
      delete request.headers[FRONT_HEADER];
    }
    const render = answers?.isRender(request) ?? false;
    // Most public traffic: what memory holds, sent at once, before any other work (public-answers.ts).
    if (answers && !render && !shuttingDown) {
      const status = answers.answerFromMemory(request, response);
      if (status !== null) {
        answered(request.method!, request.url!, status, 'cache', started);
        return;
      }
    }
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    let servedBy: 'cache' | 'next' | 'server' = 'next';
    inFlight++;
    response.once('close', () => {
      inFlight--;
      answered(method, url, response.statusCode, render ? 'render' : servedBy, started, !response.writableFinished);
      // Whatever a write changed is seen by the next public answer (one fingerprint query first).
      if (!SAFE_METHODS.has(method)) {
        announceWrite();
        answers?.writeAnswered();
      }
      if (shuttingDown && inFlight === 0) drained?.();
    });
    if (shuttingDown) response.setHeader('Connection', 'close');
    if (!SAFE_METHODS.has(method)) {
      // A write is done when its answer starts (a route handler or server action answers after writing):
      // the caches look again before the client can see that answer and ask for the page it changed
      // (router.refresh() could otherwise race the 'close' below). This response object only.
      const writeHead = response.writeHead;
      response.writeHead = function (this: http.ServerResponse, ...args: Parameters<http.ServerResponse['writeHead']>) {
        announceWrite();
        answers?.writeAnswered();
        return writeHead.apply(this, args);
      } as http.ServerResponse['writeHead'];
    }
    void (async () => {
      // A render this server asked for carries the original client's peer address; anything else is stamped here.
      servedBy = 'server';
      if (!render && guardRequest(request, response, peerOf(request))) return;
      if (!render && OPERATIONS_PATHS.has(pathOf(url))) {
        await answerOperations(request, response, { prisma, shuttingDown: () => shuttingDown, alsoMetricsOf: front?.metrics });
        return;
      }
      servedBy = 'next';
      if (!render && answers && (await answers.serve(request, response, () => (servedBy = 'cache'))) === 'cache') return;
      await handle(request, response);
    })().catch((error: Error) => {
      log.error({ err: error, method, url: redactUrl(url) }, 'request failed');
      if (!response.headersSent) response.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
      else response.destroy();
    });
  });

  const shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal, inFlight }, `${signal}: stopping — no new connections; requests in flight finish, background work is handed back (at most ${shutdownTimeoutMs} ms)`);
    const forced = setTimeout(() => {
      log.error({ inFlight }, `shutdown did not finish within ${shutdownTimeoutMs} ms; exiting anyway`);
      flushLogs();
      process.exit(1);
    }, shutdownTimeoutMs);
    server.close();
    server.closeIdleConnections();
    const requestsDone = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
    await Promise.allSettled([
      // A qualification takes minutes: its steps are killed and it goes back to the queue for retry.
      stopWorker?.({ handBack: true }),
      // Jobs get part of the budget to finish; past it their tick is handed back (lease released).
      scheduler?.stop({ graceMs: Math.floor(shutdownTimeoutMs / 2) }),
      requestsDone,
    ]);
    answers?.close();
    await app.close().catch(() => undefined);
    await (await database()).close().catch(() => undefined);
    clearTimeout(forced);
    log.info('stopped');
    flushLogs();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, (received) => void shutdown(received));
  // The front process is gone (killed outright): nobody can reach this one any more.
  if (front) process.once('disconnect', () => void shutdown('SIGTERM'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const { port } = listening();
  if (front) {
    front.listening(port);
    log.debug({ port }, `the Next process listens on 127.0.0.1:${port}, behind the front process`);
  } else log.info({ port, dev: options.dev }, `listening on http://localhost:${port}${options.dev ? ' (development)' : ''}`);
  return server;
}
