import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { PrismaClient } from '../db';
import { GovernanceError } from '../errors';

// Failed sign-ins, counted in the database (rate-limiter-flexible's Prisma store on the `RateLimit`
// table), so every portal process on one PostgreSQL shares the counts, and the embedded PGlite
// works the same way. Three budgets:
// - per login and address: `perLogin` (default 10) failures in 15 minutes lock that pair for 15
//   minutes — a person mistyping from their own machine;
// - per account, from any address: 5 × `perLogin` in an hour lock the login for an hour — guessing
//   spread over many addresses (a locked account still signs in with GitHub, and the lock ends by itself);
// - per address, across logins: 100 a day — one address spraying many logins.
// Unknown logins are counted exactly like known ones, so a lock says nothing about existence.

export interface LoginLimiter {
  /** null when a sign-in may be tried, else the seconds to wait. */
  check(address: string, login: string): Promise<number | null>;
  failed(address: string, login: string): Promise<void>;
  succeeded(address: string, login: string): Promise<void>;
}

export function createLoginLimiter(prisma: PrismaClient, options: { perLogin?: number; perAddress?: number } = {}): LoginLimiter {
  const perLogin = options.perLogin ?? 10;
  const limiter = (keyPrefix: string, points: number, seconds: number) =>
    new RateLimiterPrisma({ storeClient: prisma, tableName: 'rateLimit', keyPrefix, points, duration: seconds, blockDuration: seconds });
  const byLoginAndAddress = limiter('login', perLogin, 15 * 60);
  const byAccount = limiter('account', perLogin * 5, 60 * 60);
  const byAddress = limiter('address', options.perAddress ?? 100, 24 * 60 * 60);
  const normal = (login: string) => login.trim().toLowerCase();
  const pair = (address: string, login: string) => `${normal(login)}|${address}`;
  const wait = (res: RateLimiterRes | null, points: number) => (res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null);
  return {
    async check(address, login) {
      const [a, b, c] = await Promise.all([byLoginAndAddress.get(pair(address, login)), byAccount.get(normal(login)), byAddress.get(address)]);
      const waits = [wait(a, byLoginAndAddress.points), wait(b, byAccount.points), wait(c, byAddress.points)].filter((seconds): seconds is number => seconds !== null);
      return waits.length ? Math.max(...waits) : null;
    },
    async failed(address, login) {
      // consume() rejects once a budget is spent; that is the lock taking effect, not an error.
      await Promise.allSettled([byLoginAndAddress.consume(pair(address, login)), byAccount.consume(normal(login)), byAddress.consume(address)]);
    },
    async succeeded(address, login) {
      // Only the person's own pair is forgiven: the account and address budgets keep counting.
      await byLoginAndAddress.delete(pair(address, login));
    },
  };
}

export interface RequestLimiter {
  /** Counts one request from `key`; throws `resource_exhausted` (429) once its budget is spent. */
  take(key: string): Promise<void>;
}

/**
 * A budget of `points` requests per `seconds` for public endpoints that compute per request (the
 * what-if preview). It protects this process's CPU, so each process counts its own, in memory.
 */
export function createRequestLimiter(what: string, points: number, seconds: number): RequestLimiter {
  const limiter = new RateLimiterMemory({ keyPrefix: what, points, duration: seconds });
  return {
    async take(key) {
      try {
        await limiter.consume(key);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const wait = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new GovernanceError('resource_exhausted', `Too many ${what} requests from your address: at most ${points} in ${seconds} seconds; try again in ${wait} second(s).`, { retryAfter: wait });
      }
    },
  };
}
