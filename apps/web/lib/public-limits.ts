import { createRequestLimiter, type RequestLimiter } from '@shepherd/governance';

// Budgets of public endpoints that compute per request, one per process (docs/auth.md "Limits").

const state = globalThis as typeof globalThis & { shepherdWhatIfLimiter?: RequestLimiter };

/** The what-if preview: 30 a minute per client address. */
export function whatIfLimiter(): RequestLimiter {
  state.shepherdWhatIfLimiter ??= createRequestLimiter('what-if', 30, 60);
  return state.shepherdWhatIfLimiter;
}
