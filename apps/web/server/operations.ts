import type http from 'node:http';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { PrismaClient } from '@shepherd/governance/db/index';
import { metrics, metricsAccess } from '@shepherd/governance/observability/metrics';
import { checkReadiness } from '@shepherd/governance/observability/readiness';
import { SECURITY_HEADERS } from '../lib/security-headers';
import { header } from './respond';

// The operator's endpoints, answered by the server itself (the portal's and `npm run jobs --port`):
// GET /healthz (the process is alive), /readyz (database reachable, migrations applied, not shutting
// down: 503 otherwise, with the failing check), /metrics (Prometheus text, only with
// `Authorization: Bearer $SHEPHERD_METRICS_TOKEN`; 404 while no token is configured).

export const OPERATIONS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function send(response: http.ServerResponse, status: number, body: string, contentType = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  response
    .writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)), ...extra })
    .end(body);
}

export async function answerOperations(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  context: {
    prisma: () => Promise<PrismaClient>;
    shuttingDown: () => boolean;
    /** Another process's measurements to add (the front process's), as prom-client's JSON. */
    alsoMetricsOf?: () => Promise<MetricObjectWithValues<MetricValue<string>>[]>;
  },
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, JSON.stringify({ error: { code: 'method_not_allowed', message: `${path} answers GET only` } }), undefined, { Allow: 'GET, HEAD' });
    return;
  }
  if (path === '/healthz') {
    send(response, 200, JSON.stringify({ status: 'alive', shuttingDown: context.shuttingDown() }));
    return;
  }
  if (path === '/readyz') {
    const readiness = await checkReadiness(await context.prisma(), { shuttingDown: context.shuttingDown() });
    send(response, readiness.ready ? 200 : 503, JSON.stringify({ status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks }));
    return;
  }
  const access = metricsAccess(header(request, 'authorization'));
  if (access === 'disabled') {
    send(response, 404, JSON.stringify({ error: { code: 'not_found', message: 'metrics are off: set SHEPHERD_METRICS_TOKEN to serve them at /metrics' } }));
    return;
  }
  if (access === 'denied') {
    send(response, 401, JSON.stringify({ error: { code: 'unauthenticated', message: 'send Authorization: Bearer <SHEPHERD_METRICS_TOKEN>' } }), undefined, { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    return;
  }
  const registry = metrics().registry;
  if (!context.alsoMetricsOf) {
    send(response, 200, await registry.metrics(), registry.contentType);
    return;
  }
  // Summed per label set, as prom-client does for cluster workers.
  const both = AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), await context.alsoMetricsOf()]);
  send(response, 200, await both.metrics(), registry.contentType);
}
