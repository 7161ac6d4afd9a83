import { AggregatorRegistry, Histogram, Registry, type Metric } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './request-durations';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OBSERVATIONS: [string, string, number, string, number][] = [
  ['GET', '/api/v1/products/[product]', 200, 'cache', 0.0004],
  ['GET', '/api/v1/products/[product]', 200, 'cache', 0.001], // on a bound: counts in that bucket
  ['GET', '/api/v1/products/[product]', 304, 'cache', 0.0002],
  ['POST', '/api/projects/[project]/keps/[...kep]', 403, 'next', 0.031],
  ['GET', '/projects/[project]/eol', 200, 'next', 12.5], // past the last bound: +Inf only
  ['GET', '/projects/[project]/eol', 200, 'next', 0.07],
  ['HEAD', '/', 200, 'cache', 0],
];

function both() {
  const ours = new Registry();
  const durations = new RequestDurations('http_seconds', 'requests', BUCKETS);
  ours.registerMetric(durations as unknown as Metric);
  const theirs = new Registry();
  const histogram = new Histogram({ name: 'http_seconds', help: 'requests', labelNames: ['method', 'route', 'status', 'served_by'], buckets: BUCKETS, registers: [theirs] });
  for (const [method, route, status, servedBy, seconds] of OBSERVATIONS) {
    durations.observe(method, route, status, servedBy, seconds);
    histogram.observe({ method, route, status: String(status), served_by: servedBy }, seconds);
  }
  return { ours, theirs, durations };
}

describe('RequestDurations', () => {
  it('scrapes as a prom-client Histogram with the same observations does, as text and as JSON', async () => {
    const { ours, theirs } = both();
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('http_seconds_bucket{le="0.001",method="GET",route="/api/v1/products/[product]",status="200",served_by="cache"} 2');
    expect(text).toContain('http_seconds_bucket{le="+Inf",method="GET",route="/projects/[project]/eol",status="200",served_by="next"} 2');
    // As JSON crosses the IPC channel to the process that aggregates (exemplars are off: prom-client leaves them empty).
    const asSent = async (registry: Registry) => JSON.parse(JSON.stringify(await registry.getMetricsAsJSON(), (key, value) => (key === 'exemplar' ? undefined : value)));
    expect(await asSent(ours)).toEqual(await asSent(theirs));
  });

  it('sums across processes as prom-client sums its own histograms (the front process and the Next process)', async () => {
    const [a, b, c, d] = [both(), both(), both(), both()];
    const ours = AggregatorRegistry.aggregate([await a.ours.getMetricsAsJSON(), await b.ours.getMetricsAsJSON()]);
    const theirs = AggregatorRegistry.aggregate([await c.theirs.getMetricsAsJSON(), await d.theirs.getMetricsAsJSON()]);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('http_seconds_count{method="GET",route="/api/v1/products/[product]",status="200",served_by="cache"} 4');
  });

  it('starts again from nothing on reset', async () => {
    const { ours, durations } = both();
    durations.reset();
    expect(await ours.metrics()).toBe('# HELP http_seconds requests\n# TYPE http_seconds histogram\n');
  });
});
