import { NextResponse, type NextRequest } from 'next/server';
import { requestOrigin } from '@shepherd/governance/auth/proxy-trust';
import { findUrlProblem } from '@shepherd/governance/validation/input-rules';
import { PEER_HEADER } from './lib/request-guard';

// Pages first refuse a URL whose path or query holds text the database cannot store (NUL, a lone
// surrogate, broken percent-encoding): a 400 naming it, instead of a 500 from a query.
// Then cross-site form posts. Every non-GET request to a page is a server action (a form), and docs/auth.md
// promises their Origin must be the portal's: a foreign Origin, "null" or none at all is refused
// here with 403 before Next runs the action (Next itself lets a missing Origin through and answers a
// foreign one with a 500). Browsers send Origin on every POST, so Shepherd's own forms pass.
// /api is not matched: route handlers check their own callers (lib/authorize.ts), the webhook comes
// from GitHub without an Origin, and keeping the proxy off them keeps Next from buffering their bodies.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const refuse = (status: number, message: string) =>
  new NextResponse(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export function proxy(request: NextRequest) {
  const problem = findUrlProblem(new URL(request.url));
  if (problem) return refuse(400, `${problem.path}: ${problem.problem}`);
  if (SAFE_METHODS.has(request.method)) return NextResponse.next();
  const origin = request.headers.get('origin');
  const ours = requestOrigin({ peer: request.headers.get(PEER_HEADER), headers: request.headers });
  if (origin !== null && origin === ours) return NextResponse.next();
  return refuse(403, "Cross-site request refused: Shepherd's forms only accept requests from its own pages (the Origin header must be this portal).");
}

export const config = {
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico).*)'],
};
