import { cookies } from 'next/headers';
import { githubOAuthConfig, startGithubSignIn } from '@shepherd/governance';
import { originFromHeaders } from '@/lib/http';
import { isHttps, OAUTH_STATE_COOKIE, safeNext, seeOther } from '@/lib/session';

export const dynamic = 'force-dynamic';

/** Starts "Sign in with GitHub": a state bound to this browser (10 minutes), then GitHub's consent page. */
export async function GET(request: Request): Promise<Response> {
  const config = githubOAuthConfig();
  if (!config) return seeOther(`${originFromHeaders(request.headers)}/signin?error=GitHub+sign-in+is+not+configured`);
  const origin = originFromHeaders(request.headers);
  const { url, state } = startGithubSignIn(config, `${origin}/api/auth/github/callback`);
  const next = safeNext(new URL(request.url).searchParams.get('next'));
  (await cookies()).set(OAUTH_STATE_COOKIE, `${state}|${next}`, { httpOnly: true, sameSite: 'lax', secure: isHttps(request.headers), path: '/api/auth/github', maxAge: 600 });
  return new Response(null, { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' } });
}
