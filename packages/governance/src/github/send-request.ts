import { createGithubClient, type GithubClient } from './create-client';
import { httpStatus } from './fetch-page';
import type { GithubConfig } from './github-config';

// One write to GitHub, exactly as planned (a dry run shows the same object), and GitHub's answer as
// data: a refused write (422, 403, a rate limit) is an outcome to record, not an exception.

export interface GithubRequest {
  method: 'POST' | 'PATCH';
  /** Absolute, under the configured API base URL. */
  url: string;
  body: Record<string, unknown>;
}

export interface GithubAnswer {
  ok: boolean;
  /** null when no HTTP answer came (connection refused, timeout). */
  status: number | null;
  data: unknown;
  error: string | null;
}

/**
 * A client for writes: no automatic retries (a retried POST can open two issues) and no waiting out
 * a rate limit (a person is waiting for the answer; they can send again after the reset).
 */
export function createWriteClient(config: GithubConfig): GithubClient {
  return createGithubClient(config, { retries: 0, maxWaitSeconds: 0 });
}

export async function sendGithubRequest(client: GithubClient, request: GithubRequest): Promise<GithubAnswer> {
  try {
    const response = await client.octokit.request(`${request.method} ${request.url}`, { data: request.body });
    return { ok: true, status: response.status, data: response.data, error: null };
  } catch (error) {
    const status = httpStatus(error) ?? null;
    const data = (error as { response?: { data?: unknown } }).response?.data ?? null;
    const message = (data as { message?: string } | null)?.message;
    const details = (data as { errors?: unknown[] } | null)?.errors;
    const text = status === null ? (error as Error).message : `GitHub answered ${status}${message ? `: ${message}` : ''}${details?.length ? ` ${JSON.stringify(details)}` : ''}`;
    return { ok: false, status, data, error: text };
  }
}
