import { cookies } from 'next/headers';
import { finishGithubSignIn, GovernanceError, githubOAuthConfig, signInGithubUser } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { originFromHeaders } from '@/lib/http';
import { OAUTH_STATE_COOKIE, safeNext, seeOther, setSessionCookie } from '@/lib/session';

export const dynamic = 'force-dynamic';

/** GitHub sends the browser back here with a code; the state must match the one this browser started with. */
export async function GET(request: Request): Promise<Response> {
  const origin = originFromHeaders(request.headers);
  const back = (error: string) => seeOther(`${origin}/signin?error=${encodeURIComponent(error)}`);
  const config = githubOAuthConfig();
  if (!config) return back('GitHub sign-in is not configured.');
  const params = new URL(request.url).searchParams;
  const jar = await cookies();
  const [expected, next] = (jar.get(OAUTH_STATE_COOKIE)?.value ?? '').split('|');
  jar.delete({ name: OAUTH_STATE_COOKIE, path: '/api/auth/github' });
  if (params.get('error')) return back(`GitHub sign-in was cancelled (${params.get('error')}).`);
  const code = params.get('code');
  if (!code || !expected || params.get('state') !== expected) return back('The sign-in expired or did not start here; try again.');
  try {
    const profile = await finishGithubSignIn(config, `${origin}/api/auth/github/callback`, code);
    const user = await signInGithubUser(await prisma(), profile);
    await setSessionCookie(user.id);
  } catch (error) {
    if (error instanceof GovernanceError) return back(error.message);
    throw error;
  }
  return seeOther(`${origin}${safeNext(next)}`);
}
