import { OAuth2Client, OAuth2RequestError, generateState } from 'arctic';
import { z } from 'zod';
import { GovernanceError } from '../errors';

// Sign in with GitHub (OAuth web flow) through arctic's RFC 6749 client, with GitHub's endpoints
// taken from configuration so tests run the whole flow against a local fake:
//   GITHUB_OAUTH_URL  (default https://github.com)      → /login/oauth/authorize, /login/oauth/access_token
//   GITHUB_API_URL    (default https://api.github.com)  → GET /user
// Enabled when GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are set.

export interface GithubOAuthConfig {
  clientId: string;
  clientSecret: string;
  oauthUrl: string;
  apiUrl: string;
}

export function githubOAuthConfig(env: Record<string, string | undefined> = process.env): GithubOAuthConfig | null {
  if (!env.GITHUB_CLIENT_ID || !env.GITHUB_CLIENT_SECRET) return null;
  return {
    clientId: env.GITHUB_CLIENT_ID,
    clientSecret: env.GITHUB_CLIENT_SECRET,
    oauthUrl: (env.GITHUB_OAUTH_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
  };
}

const client = (config: GithubOAuthConfig, redirectUri: string) => new OAuth2Client(config.clientId, config.clientSecret, redirectUri);

/** Where to send the browser, and the state to keep in a short-lived cookie for the callback. */
export function startGithubSignIn(config: GithubOAuthConfig, redirectUri: string): { url: URL; state: string } {
  const state = generateState();
  // No scope: the public profile (login, id, name) is all Shepherd needs.
  return { url: client(config, redirectUri).createAuthorizationURL(`${config.oauthUrl}/login/oauth/authorize`, state, []), state };
}

const GithubUser = z.object({ id: z.number().int(), login: z.string().min(1), name: z.string().nullish() });
export type GithubProfile = z.infer<typeof GithubUser>;

/** Exchanges the callback's code for a token and reads who signed in. */
export async function finishGithubSignIn(config: GithubOAuthConfig, redirectUri: string, code: string): Promise<GithubProfile> {
  let accessToken: string;
  try {
    const tokens = await client(config, redirectUri).validateAuthorizationCode(`${config.oauthUrl}/login/oauth/access_token`, code, null);
    // GitHub answers token errors with 200 and an `error` field, which the RFC client reads as tokens.
    const data = tokens.data as { error?: unknown; error_description?: unknown };
    if (typeof data.error === 'string') throw new OAuth2RequestError(data.error, typeof data.error_description === 'string' ? data.error_description : null, null, null);
    accessToken = tokens.accessToken();
  } catch (error) {
    const reason = error instanceof OAuth2RequestError ? `${error.code}${error.description ? `: ${error.description}` : ''}` : (error as Error).message;
    throw new GovernanceError('unauthenticated', `GitHub refused the sign-in (${reason}). Try again.`);
  }
  const response = await fetch(`${config.apiUrl}/user`, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/vnd.github+json', 'User-Agent': 'shepherd' },
  }).catch((error: Error) => {
    throw new GovernanceError('unavailable', `GitHub could not be reached to read your profile (${error.message}).`);
  });
  if (!response.ok) throw new GovernanceError('unavailable', `GitHub answered ${response.status} when reading your profile.`);
  const parsed = GithubUser.safeParse(await response.json());
  if (!parsed.success) throw new GovernanceError('unavailable', `GitHub's profile answer lacks ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}.`);
  return parsed.data;
}
