import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { GithubConfig } from './github-config';

/** Time as sync sees it; tests inject one that records waits instead of sleeping. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
export const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface RateLimitState {
  remaining: number | null;
  reset: number | null; // epoch seconds
}

export interface ClientOptions {
  clock?: Clock;
  /** Per-request timeout; a timed-out request counts as a 5xx and is retried with backoff. */
  timeoutMs?: number;
  /** Base of the 5xx/timeout backoff: waits are (n+1)² × this (default 1000 ms). */
  retryBaseMs?: number;
  retries?: number;
  /** Rate-limit waits longer than this fail the sync instead (default 1 hour). */
  maxWaitSeconds?: number;
  /** Keep this many requests of the primary budget in reserve; below it, wait for the reset. */
  reserve?: number;
  onWait?: (reason: string, seconds: number) => void;
}

export interface GithubClient {
  octokit: Octokit;
  rateLimit: RateLimitState;
  /** Every HTTP attempt (retries included) and how many of them were 304s. */
  counters: { requests: number; notModified: number };
}

const ShepherdOctokit = Octokit.plugin(retry, throttling);

/**
 * An Octokit with GitHub's manners: the throttling plugin detects primary (403/429 with
 * x-ratelimit-remaining 0) and secondary limits (with or without retry-after) and we wait on our
 * clock before it retries; the retry plugin backs off on 5xx and timeouts; and before each request
 * we pause until the reset when the primary budget is down to the reserve, so we never hammer.
 */
export function createGithubClient(config: GithubConfig, options: ClientOptions = {}): GithubClient {
  const clock = options.clock ?? systemClock;
  const maxWait = options.maxWaitSeconds ?? 3600;
  const rateLimit: RateLimitState = { remaining: null, reset: null };
  const counters = { requests: 0, notModified: 0 };
  const waitFor = async (reason: string, seconds: number, retryCount: number) => {
    if (retryCount >= 4 || seconds > maxWait) return false;
    options.onWait?.(reason, seconds);
    await clock.sleep(seconds * 1000);
    return true;
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const octokit = new ShepherdOctokit({
    baseUrl: config.apiUrl,
    userAgent: 'shepherd-sync',
    ...(config.auth.kind === 'token' ? { auth: config.auth.token } : {}),
    ...(config.auth.kind === 'app'
      ? { authStrategy: createAppAuth, auth: { appId: config.auth.appId, privateKey: config.auth.privateKey, installationId: config.auth.installationId } }
      : {}),
    request: {
      fetch: async (url: string, init: RequestInit) => {
        counters.requests += 1;
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        if (response.status === 304) counters.notModified += 1;
        return response;
      },
    },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    throttle: {
      // The plugin computes how long; our clock does the waiting, so the plugin adds none.
      retryAfterBaseValue: 0,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => waitFor('rate limit', retryAfter, retryCount),
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => waitFor('secondary rate limit', retryAfter, retryCount),
    },
    // 403 and 429 belong to the throttling plugin.
    retry: { retries: options.retries ?? 4, retryAfterBaseValue: options.retryBaseMs ?? 1000, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
  });
  const reserve = options.reserve ?? 0;
  octokit.hook.before('request', async () => {
    if (rateLimit.remaining === null || rateLimit.reset === null || rateLimit.remaining > reserve) return;
    const seconds = Math.max(Math.ceil(rateLimit.reset - clock.now() / 1000) + 1, 0);
    if (seconds > maxWait) throw new Error(`GitHub rate limit exhausted until ${new Date(rateLimit.reset * 1000).toISOString()}`);
    if (seconds > 0) {
      options.onWait?.('rate limit reserve', seconds);
      await clock.sleep(seconds * 1000);
    }
    rateLimit.remaining = null;
  });
  const record = (headers: Record<string, unknown> | undefined) => {
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    const reset = Number(headers?.['x-ratelimit-reset']);
    if (Number.isFinite(remaining)) rateLimit.remaining = remaining;
    if (Number.isFinite(reset)) rateLimit.reset = reset;
  };
  octokit.hook.after('request', (response) => record(response.headers));
  octokit.hook.error('request', (error) => {
    record((error as { response?: { headers?: Record<string, unknown> } }).response?.headers);
    throw error;
  });
  return { octokit, rateLimit, counters };
}
