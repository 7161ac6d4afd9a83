import { createAppAuth } from '@octokit/auth-app';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { GovernanceError } from '../errors';
import { describeGithubError } from './describe-github-error';
import { metrics } from '../observability/metrics';
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
  onWait?: WaitListener;
}

/** Told before every wait (rate limits, back-off after a 5xx or no answer), for progress output and the stored run. */
export type WaitListener = (reason: string, seconds: number) => void | Promise<void>;

export interface GithubClient {
  octokit: Octokit;
  rateLimit: RateLimitState;
  /** Every HTTP attempt (retries included) and how many of them were 304s. */
  counters: { requests: number; notModified: number };
  /** Adds a listener for waits; returns the function that removes it. */
  onWait(listener: WaitListener): () => void;
}

const ShepherdOctokit = Octokit.plugin(throttling);

interface RequestOptionsLike { method?: string; url?: string; baseUrl?: string }
const requestName = (options: RequestOptionsLike) => {
  const url = options.url ?? '';
  return `${options.method ?? 'GET'} ${/^https?:/.test(url) ? url : `${options.baseUrl ?? ''}${url}`}`;
};

/**
 * An Octokit with GitHub's manners: the throttling plugin detects primary (403/429 with
 * x-ratelimit-remaining 0) and secondary limits (with or without retry-after) and we wait on our
 * clock before it retries; 5xx answers, dropped connections and timeouts are retried with (n+1)²
 * back-off on the same clock; and before each request we pause until the reset when the primary
 * budget is down to the reserve, so we never hammer. Every wait is announced to the listeners
 * first. (We retry ourselves rather than with @octokit/plugin-retry: its waits run on timers of its
 * own that no one can see or announce.)
 */
export function createGithubClient(config: GithubConfig, options: ClientOptions = {}): GithubClient {
  const clock = options.clock ?? systemClock;
  const maxWait = options.maxWaitSeconds ?? 3600;
  const retries = options.retries ?? 4;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const rateLimit: RateLimitState = { remaining: null, reset: null };
  const counters = { requests: 0, notModified: 0 };
  const listeners = new Set<WaitListener>(options.onWait ? [options.onWait] : []);
  const announce = async (reason: string, seconds: number) => {
    for (const listener of listeners) await listener(reason, seconds);
  };
  const waitFor = async (reason: string, seconds: number, retryCount: number) => {
    if (retryCount >= 4 || seconds > maxWait) return false;
    await announce(reason, seconds);
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
        metrics().githubRequests.labels(init.method === 'GET' || !init.method ? 'read' : 'write').inc();
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        if (response.status === 304) {
          counters.notModified += 1;
          metrics().githubNotModified.inc();
        }
        return response;
      },
    },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    throttle: {
      // The plugin computes how long; our clock does the waiting, so the plugin adds none.
      retryAfterBaseValue: 0,
      onRateLimit: (retryAfter: number, request: RequestOptionsLike, _octokit: unknown, retryCount: number) => waitFor(`GitHub rate limit (${requestName(request)})`, retryAfter, retryCount),
      onSecondaryRateLimit: (retryAfter: number, request: RequestOptionsLike, _octokit: unknown, retryCount: number) => waitFor(`GitHub secondary rate limit (${requestName(request)})`, retryAfter, retryCount),
    },
  });
  const reserve = options.reserve ?? 0;
  octokit.hook.before('request', async (request) => {
    if (rateLimit.remaining === null || rateLimit.reset === null || rateLimit.remaining > reserve) return;
    const seconds = Math.max(Math.ceil(rateLimit.reset - clock.now() / 1000) + 1, 0);
    const until = new Date((rateLimit.reset + 1) * 1000).toISOString();
    if (seconds > maxWait) {
      throw new GovernanceError('unavailable', `GitHub's rate limit is down to the ${reserve} requests kept in reserve until ${until}, longer than the ${maxWait} s Shepherd waits (${requestName(request)}): retry after ${until}`);
    }
    if (seconds > 0) {
      await announce(`GitHub rate limit reserve reached (${requestName(request)})`, seconds);
      await clock.sleep(seconds * 1000);
    }
    rateLimit.remaining = null;
  });
  const record = (headers: Record<string, unknown> | undefined) => {
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    const reset = Number(headers?.['x-ratelimit-reset']);
    if (Number.isFinite(remaining)) {
      rateLimit.remaining = remaining;
      metrics().githubRateLimitRemaining.set(remaining);
    }
    if (Number.isFinite(reset)) rateLimit.reset = reset;
  };
  octokit.hook.after('request', (response) => record(response.headers));
  octokit.hook.error('request', (error) => {
    record((error as { response?: { headers?: Record<string, unknown> } }).response?.headers);
    throw error;
  });
  // Outermost, so each attempt goes through the hooks above again. A 5xx, a dropped connection and
  // a timeout (both reach us as status 500 without a response) are worth another try.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === undefined || status < 500 || attempt > retries) {
          if (error && typeof error === 'object') Object.assign(error, { attempts: attempt });
          throw error;
        }
        const seconds = (attempt ** 2 * retryBaseMs) / 1000;
        await announce(`${describeGithubError(error)}; retry ${attempt} of ${retries}`, seconds);
        await clock.sleep(seconds * 1000);
      }
    }
  });
  return {
    octokit, rateLimit, counters,
    onWait(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
