import { metrics } from '@shepherd/governance/observability/metrics';

/** One request's duration, by method, route pattern, status and what answered it. */
export function observeRequest(method: string, route: string, status: number, by: string, seconds: number): void {
  metrics().httpDuration.observe(method, route, status, by, seconds);
}
