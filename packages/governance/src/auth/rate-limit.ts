import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

// Sign-in attempts, counted in the server process (one process serves the embedded database; with
// several PostgreSQL-backed instances each counts its own, which still bounds guessing).
// Failures per login and address: 10 in 15 minutes, then locked for 15 minutes. Failures per
// address across logins: 100 a day, so one address cannot spray many logins.
// SHEPHERD_LOGIN_ATTEMPTS overrides the first figure (tests use a small one).

export interface LoginLimiter {
  /** null when a sign-in may be tried, else the seconds to wait. */
  check(ip: string, login: string): Promise<number | null>;
  failed(ip: string, login: string): Promise<void>;
  succeeded(ip: string, login: string): Promise<void>;
}

export function createLoginLimiter(options: { perLogin?: number; perAddress?: number } = {}): LoginLimiter {
  const perLogin = new RateLimiterMemory({ keyPrefix: 'login', points: options.perLogin ?? 10, duration: 15 * 60, blockDuration: 15 * 60 });
  const perAddress = new RateLimiterMemory({ keyPrefix: 'address', points: options.perAddress ?? 100, duration: 24 * 60 * 60, blockDuration: 24 * 60 * 60 });
  const key = (ip: string, login: string) => `${login.trim().toLowerCase()}|${ip}`;
  const wait = (res: RateLimiterRes | null, points: number) => (res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : null);
  return {
    async check(ip, login) {
      const [byLogin, byAddress] = await Promise.all([perLogin.get(key(ip, login)), perAddress.get(ip)]);
      return wait(byLogin, perLogin.points) ?? wait(byAddress, perAddress.points);
    },
    async failed(ip, login) {
      // consume() rejects once the budget is spent; that is the lock taking effect, not an error.
      await Promise.allSettled([perLogin.consume(key(ip, login)), perAddress.consume(ip)]);
    },
    async succeeded(ip, login) {
      await perLogin.delete(key(ip, login));
    },
  };
}
