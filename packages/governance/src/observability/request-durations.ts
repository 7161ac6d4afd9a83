// HTTP request durations as a Prometheus histogram by method, route pattern, status and what answered.
// prom-client's Histogram checks, copies and hashes its labels on every observation: 1–3 µs, about a
// tenth of what an answer from memory costs the front process in all (measured with the eol-api bench).
// Here an observation finds its series by one key and counts into an array. The registry asks `get()`
// at each scrape, which answers exactly what a prom-client Histogram with the same observations would
// (request-durations.test.ts compares the two), so the text format and the cluster aggregation
// (AggregatorRegistry) are prom-client's own.

type LabelName = 'method' | 'route' | 'status' | 'served_by';

/** One line of a scrape, as prom-client's metrics hand them to its registry. */
interface ScrapedValue {
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
  metricName: string;
}
interface Scraped {
  name: string;
  help: string;
  type: 'histogram';
  values: ScrapedValue[];
  aggregator: 'sum';
}

interface Series {
  labels: Record<LabelName, string>;
  /** Per upper bound, the observations that fell in it (not cumulative); the last slot is +Inf. */
  counts: Float64Array;
  sum: number;
  count: number;
}

export class RequestDurations {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  observe(method: string, route: string, status: number, servedBy: string, seconds: number): void {
    const key = `${method} ${status} ${servedBy} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = { labels: { method, route, status: String(status), served_by: servedBy }, counts: new Float64Array(this.upperBounds.length + 1), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    let bucket = 0;
    while (bucket < this.upperBounds.length && seconds > this.upperBounds[bucket]) bucket++;
    series.counts[bucket]++;
    series.sum += seconds;
    series.count++;
  }

  /** The registry's text format reads this (prom-client's layout: `le` apart from the series' labels). */
  async getForPromString(): Promise<Scraped> {
    const values: ScrapedValue[] = [];
    const value = (labels: ScrapedValue['labels'], sharedLabels: Record<string, string>, value: number, metricName: string) => values.push({ labels, sharedLabels, value, metricName });
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((le, index) => value({ le }, labels, (cumulative += counts[index]), `${this.name}_bucket`));
      value({ le: '+Inf' }, labels, count, `${this.name}_bucket`);
      value({}, labels, sum, `${this.name}_sum`);
      value({}, labels, count, `${this.name}_count`);
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** JSON (getMetricsAsJSON, which cluster aggregation reads): each value's labels in one object. */
  async get(): Promise<Scraped> {
    const metric = await this.getForPromString();
    return { ...metric, values: metric.values.map(({ labels, sharedLabels, ...rest }) => ({ ...rest, labels: { ...labels, ...sharedLabels } })) };
  }

  reset(): void {
    this.series.clear();
  }
}
