import { ZodError, type ZodType } from 'zod';
import { GovernanceError, HTTP_STATUS, type Actor } from '@shepherd/governance';
import type { PrismaClient } from '@shepherd/governance/db/index';
import { prisma } from './database';
import { originFromHeaders } from './http';
import { actorFromRequest } from './session';

// The one wrapper for route handlers that need to know who asks: it resolves the actor (Bearer
// token or session cookie), refuses cross-site cookie-authenticated writes (CSRF), maps domain
// errors to HTTP once, and turns zod errors into messages that name the field. Authorization
// itself happens in governance (runMutation / authorize), so no handler can forget it.
// Server actions use `actionResult` below; Next checks their Origin against the Host itself.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouteContext<P> {
  request: Request;
  actor: Actor;
  prisma: PrismaClient;
  params: P;
}

type Handler<P> = (context: RouteContext<P>) => Promise<unknown>;

export function jsonError(status: number, code: string, message: string, details?: Record<string, unknown>): Response {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * A cookie-authenticated write must come from our own pages: `Sec-Fetch-Site: same-origin` (every
 * current browser sends it) or, failing that, an `Origin` equal to ours. Bearer-token requests carry
 * no ambient credential and are exempt.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  return origin !== null && origin === originFromHeaders(request.headers);
}

export function errorToResponse(error: unknown): Response {
  if (error instanceof GovernanceError) return jsonError(HTTP_STATUS[error.code], error.code, error.message, error.details);
  if (error instanceof ZodError) return jsonError(400, 'invalid_argument', describeZodError(error), { fields: error.issues.map((issue) => issue.path.join('.')) });
  throw error;
}

export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/** Wraps a route handler: `export const PATCH = withActor(async ({ actor, prisma, request, params }) => …)`. */
export function withActor<P = Record<string, never>>(handler: Handler<P>, options: { status?: number } = {}) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const resolved = await actorFromRequest(request);
    if ('invalidToken' in resolved) return jsonError(401, 'unauthenticated', 'The API token is unknown, revoked or expired (send it as Authorization: Bearer shp_…).');
    if (resolved.via === 'cookie' && !SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      return jsonError(403, 'permission_denied', 'Cross-site request refused: send cookie-authenticated writes from Shepherd pages, or use an API token.');
    }
    try {
      const result = await handler({ request, actor: resolved.actor, prisma: await prisma(), params: await context.params });
      if (result instanceof Response) return result;
      return Response.json(result, { status: options.status ?? 200, headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      return errorToResponse(error);
    }
  };
}

/** Parses a JSON body with a zod schema; errors name the field. */
export async function parseBody<T>(request: Request, schema: ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new GovernanceError('invalid_argument', 'body: expected a JSON object');
  }
  return schema.parse(body);
}

/** What a server action answers its form: a message, and the fields that were wrong. */
export interface ActionResult {
  ok: boolean;
  message: string;
  fields?: string[];
  /** A secret shown once (a new API token or password). */
  secret?: string;
}

export async function actionResult(run: () => Promise<string | ActionResult>): Promise<ActionResult> {
  try {
    const outcome = await run();
    return typeof outcome === 'string' ? { ok: true, message: outcome } : outcome;
  } catch (error) {
    if (error instanceof GovernanceError) return { ok: false, message: error.message, fields: typeof error.details?.field === 'string' ? [error.details.field] : undefined };
    if (error instanceof ZodError) return { ok: false, message: describeZodError(error), fields: error.issues.map((issue) => issue.path.join('.')) };
    throw error;
  }
}
