import { timingSafeEqual, createHash } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import { RequestDurations } from './request-durations';

// Prometheus metrics of one process (prom-client), served at /metrics by the portal and by
// `npm run jobs` when it listens (README, "Operations"). One registry per process on globalThis,
// so the portal's server and Next's bundle (each with its own copy of this module) count into the same
// metrics. Labels stay low-cardinality: routes are patterns (/projects/[project]/eol), never URLs.

export interface Metrics {
  registry: Registry;
  httpDuration: RequestDurations;
  jobRuns: Counter<'job' | 'outcome'>;
  jobDuration: Histogram<'job' | 'outcome'>;
  githubRequests: Counter<'kind'>;
  githubNotModified: Counter;
  githubRateLimitRemaining: Gauge;
  webhookDeliveries: Counter<'event' | 'outcome'>;
  webhookApplied: Counter<'outcome'>;
  qualificationDuration: Histogram<'status'>;
  qualificationTasksPerSecond: Gauge<'project' | 'cycle'>;
  qualificationsRunning: Gauge;
  publicCache: Counter<'result'>;
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'shepherd_' });
  const registers = [registry];
  const httpDuration = new RequestDurations(
    'shepherd_http_request_duration_seconds',
    'HTTP requests by method, route pattern, status and what answered (cache: the public fast path or page cache; next: Next.js; server: health and metrics)',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  // A metric of our own making (request-durations.ts): the registry only asks it for its values.
  registry.registerMetric(httpDuration as unknown as Metric);
  return {
    registry,
    httpDuration,
    jobRuns: new Counter({ name: 'shepherd_job_runs_total', help: 'Scheduled job runs this process took, by outcome (FAILED counts the failures)', labelNames: ['job', 'outcome'], registers }),
    jobDuration: new Histogram({
      name: 'shepherd_job_run_duration_seconds',
      help: 'Duration of the scheduled job runs this process ran',
      labelNames: ['job', 'outcome'],
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    }),
    githubRequests: new Counter({ name: 'shepherd_github_requests_total', help: 'HTTP requests sent to the GitHub API (retries included)', labelNames: ['kind'], registers }),
    githubNotModified: new Counter({ name: 'shepherd_github_not_modified_total', help: 'GitHub answers that were 304 Not Modified (conditional requests that cost no rate limit)', registers }),
    githubRateLimitRemaining: new Gauge({ name: 'shepherd_github_rate_limit_remaining', help: 'x-ratelimit-remaining of the latest GitHub answer', registers }),
    webhookDeliveries: new Counter({
      name: 'shepherd_webhook_deliveries_total',
      help: 'GitHub webhook deliveries received, by event and outcome (queued, duplicate, refused)',
      labelNames: ['event', 'outcome'],
      registers,
    }),
    webhookApplied: new Counter({ name: 'shepherd_webhook_deliveries_applied_total', help: 'Stored webhook deliveries applied to the mirror, by outcome', labelNames: ['outcome'], registers }),
    qualificationDuration: new Histogram({
      name: 'shepherd_qualification_duration_seconds',
      help: 'Release-candidate qualifications run by this process, by final status',
      labelNames: ['status'],
      buckets: [30, 60, 120, 300, 600, 1200, 1800, 3600],
      registers,
    }),
    qualificationTasksPerSecond: new Gauge({
      name: 'shepherd_qualification_tasks_per_second',
      help: 'Median runtime-core tasks/s of the latest passed qualification this process ran, per release',
      labelNames: ['project', 'cycle'],
      registers,
    }),
    qualificationsRunning: new Gauge({ name: 'shepherd_qualifications_running', help: 'Qualifications this process is running now', registers }),
    publicCache: new Counter({ name: 'shepherd_public_cache_requests_total', help: 'Public representations and anonymous pages looked up in the cache, by result (hit, miss, not_modified)', labelNames: ['result'], registers }),
  };
}

const KEY = Symbol.for('shepherd.metrics');
const slot = globalThis as typeof globalThis & { [KEY]?: Metrics };

export function metrics(): Metrics {
  slot[KEY] ??= createMetrics();
  return slot[KEY];
}

/**
 * Whether a request may read the metrics: SHEPHERD_METRICS_TOKEN must be set and sent as
 * `Authorization: Bearer <token>`. Compared in constant time over digests of equal length.
 */
export function metricsAccess(authorization: string | undefined | null, token = process.env.SHEPHERD_METRICS_TOKEN?.trim()): 'allowed' | 'disabled' | 'denied' {
  if (!token) return 'disabled';
  const sent = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!sent) return 'denied';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(token)) ? 'allowed' : 'denied';
}
