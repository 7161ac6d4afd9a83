import { metrics } from '@shepherd/governance/observability/metrics';

/** The request-duration histogram's child per label set, looked up once (labels() hashes on every call). */
const durations = new Map<string, ReturnType<ReturnType<typeof metrics>['httpDuration']['labels']>>();

/** One request's duration, by method, route pattern, status and what answered it. */
export function observeRequest(method: string, route: string, status: number, by: string, seconds: number): void {
  const key = `${method} ${route} ${status} ${by}`;
  let child = durations.get(key);
  if (!child) {
    child = metrics().httpDuration.labels(method, route, String(status), by);
    // Bounded like the labels themselves (methods, route patterns, statuses); a flood of odd methods stays out.
    if (durations.size < 5_000) durations.set(key, child);
  }
  child.observe(seconds);
}
