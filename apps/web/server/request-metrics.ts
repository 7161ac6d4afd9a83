import { redactUrl, type Logger } from '@shepherd/governance/observability/logger';
import { metrics } from '@shepherd/governance/observability/metrics';

/**
 * One request's duration, by method, route pattern, status and what answered it, and (at `level`)
 * its log line: the same from the front process and from the Next process.
 */
export function recordRequest(log: Logger, level: 'error' | 'info' | 'debug', method: string, url: string, route: string, status: number, by: string, ms: number, aborted?: boolean): void {
  metrics().httpDuration.observe(method, route, status, by, ms / 1000);
  if (log.isLevelEnabled(level)) {
    const line = { method, url: redactUrl(url), status, ms: Math.round(ms * 10) / 10, route, servedBy: by, aborted: aborted || undefined };
    log[level](line, `${method} ${line.url} ${status} ${line.ms} ms`);
  }
}
