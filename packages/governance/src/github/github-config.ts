import { createHash } from 'node:crypto';
import { invalidArgument } from '../errors';

/** How Shepherd reaches GitHub: the API base URL and one credential (a token or a GitHub App). */
export interface GithubConfig {
  apiUrl: string;
  auth: { kind: 'token'; token: string } | { kind: 'app'; appId: string; privateKey: string; installationId: string } | { kind: 'none' };
  webhookSecret: string | null;
}

/** Reads GITHUB_API_URL, GITHUB_TOKEN or GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY + GITHUB_APP_INSTALLATION_ID, GITHUB_WEBHOOK_SECRET. */
export function readGithubConfig(env: NodeJS.ProcessEnv = process.env): GithubConfig {
  const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl)) throw invalidArgument(`GITHUB_API_URL must be an http(s) URL (got "${apiUrl}")`);
  const webhookSecret = env.GITHUB_WEBHOOK_SECRET?.trim() || null;
  const token = env.GITHUB_TOKEN?.trim();
  const appId = env.GITHUB_APP_ID?.trim();
  if (appId) {
    const privateKey = env.GITHUB_APP_PRIVATE_KEY?.replace(/\\n/g, '\n').trim();
    const installationId = env.GITHUB_APP_INSTALLATION_ID?.trim();
    if (!privateKey || !installationId) throw invalidArgument('GITHUB_APP_ID needs GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID');
    return { apiUrl, auth: { kind: 'app', appId, privateKey, installationId }, webhookSecret };
  }
  return { apiUrl, auth: token ? { kind: 'token', token } : { kind: 'none' }, webhookSecret };
}

/**
 * Why a job leaves GitHub alone, or null when it is configured: anonymous requests to
 * api.github.com get 60 an hour, not enough for one full sync.
 */
export function githubUnconfigured(config: GithubConfig): string | null {
  return config.auth.kind === 'none' && config.apiUrl === 'https://api.github.com' ? 'skipped: GitHub is not configured (set GITHUB_TOKEN or a GitHub App)' : null;
}

/** A stable, non-secret name for the credential: stored ETags are only valid for the one that got them. */
export function credentialKey(config: GithubConfig): string {
  const material =
    config.auth.kind === 'token' ? `token:${config.auth.token}` : config.auth.kind === 'app' ? `app:${config.auth.appId}:${config.auth.installationId}` : 'anonymous';
  return createHash('sha256').update(`${config.apiUrl}\n${material}`).digest('hex').slice(0, 16);
}
