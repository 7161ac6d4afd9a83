import { STATUS_CODES } from 'node:http';
import { GovernanceError } from '../errors';

// A failed GitHub request as one line a person can act on: the status, the request, GitHub's own
// message, and for a rate limit when to try again. Never a stack, never an HTML error page (GitHub's
// front end answers some 5xx with one).

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  /** How many times the request was sent (set by the client's retries). */
  attempts?: number;
}

/** GitHub's `message` from a JSON error body; nothing for an HTML page or an empty body. */
function githubMessage(data: unknown): string | null {
  if (data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') return (data as { message: string }).message.trim() || null;
  return null;
}

/** When GitHub says the request may be sent again: the primary limit's reset, or `retry-after`. */
export function retryAt(headers: Record<string, string | undefined> | undefined, now = Date.now()): Date | null {
  if (!headers) return null;
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  const after = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(after)) return new Date((headers.date ? Date.parse(headers.date) : now) + after * 1000);
  return null;
}

export function describeGithubError(error: unknown): string {
  if (error instanceof GovernanceError) return error.message;
  const failure = (error ?? {}) as RequestErrorLike;
  const request = failure.request?.url ? `${failure.request.method ?? 'GET'} ${failure.request.url}` : 'a request to GitHub';
  const tries = failure.attempts && failure.attempts > 1 ? ` (${failure.attempts} attempts)` : '';
  const response = failure.response;
  if (!response || failure.status === undefined) {
    const cause = (failure.message ?? String(error)).split('\n')[0];
    return /timeout|aborted/i.test(cause) ? `GitHub did not answer ${request} in time${tries}` : `No answer from GitHub to ${request}${tries}: ${cause}`;
  }
  const status = `${failure.status}${STATUS_CODES[failure.status] ? ` ${STATUS_CODES[failure.status]}` : ''}`;
  const message = githubMessage(response.data);
  const body = message ? `: ${message}` : typeof response.data === 'string' && /^\s*</.test(response.data) ? ': an HTML error page, no message' : '';
  const until = (failure.status === 403 || failure.status === 429) ? retryAt(response.headers) : null;
  const line = `GitHub answered ${status} to ${request}${tries}${body}`;
  return until ? `${line}${line.endsWith('.') ? '' : '.'} GitHub accepts requests again at ${until.toISOString()}: retry after that.` : line;
}

/** The error a failed sync throws: its message is the one line, for the CLI and the stored run. */
export function githubUnavailable(error: unknown): GovernanceError {
  return error instanceof GovernanceError ? error : new GovernanceError('unavailable', describeGithubError(error));
}
