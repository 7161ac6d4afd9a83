import { bootstrapFirstAdmin, githubOAuthConfig } from '@shepherd/governance';
import { logger } from '@shepherd/governance/observability/logger';
import { prisma } from './database';

const state = globalThis as typeof globalThis & { shepherdAuthStarted?: Promise<void> };

/**
 * On the first start of the embedded default (no users, no GitHub sign-in configured), creates the
 * instance admin `admin` and prints its one-time password once. Called by the server before it
 * listens and, as a fallback, before the first sign-in page renders.
 * The password is written for the person at the terminal, outside the structured log (which says only
 * that it was printed): it works for one sign-in, which must then choose a new password (docs/auth.md).
 */
export function startAuth(): Promise<void> {
  state.shepherdAuthStarted ??= (async () => {
    const first = await bootstrapFirstAdmin(await prisma(), { oauthConfigured: githubOAuthConfig() !== null });
    if (first) {
      logger().info({ login: first.login }, 'first start: created the instance admin; its one-time password is printed once on standard output, outside this log');
      process.stdout.write(
        `Shepherd: first start — created the instance admin "${first.login}" with the one-time password ${first.password}\n` +
          `Shepherd: it works for one sign-in at /signin, which then asks for your own password (lost it? stop the server and run: npm run admin -- reset ${first.login})\n`,
      );
    }
  })();
  return state.shepherdAuthStarted;
}
