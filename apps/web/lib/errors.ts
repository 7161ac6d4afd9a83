import { describeError, GovernanceError, type ErrorAnswer } from '@shepherd/governance';

// Every error a route answers goes through governance's one mapping (describeError) and leaves as
// the same JSON: {"error": {"code", "message", "details"}} with the status of its code. Public
// cached answers use the same mapping through their representation (lib/http.ts publicError).

/** The JSON answer of an error already described. */
export function jsonError({ status, code, message, details }: ErrorAnswer): Response {
  const retryAfter = details?.retryAfter;
  return Response.json(
    { error: { code, message, ...(details ? { details } : {}) } },
    { status, headers: { 'Cache-Control': 'no-store', ...(retryAfter ? { 'Retry-After': String(retryAfter) } : {}) } },
  );
}

/** A domain or validation error as its HTTP answer; anything else is a bug and is rethrown (a 500). */
export function errorResponse(error: unknown): Response {
  const described = describeError(error);
  if (!described) throw error;
  return jsonError(described);
}

/** Shorthand for refusals decided in the web layer (a bad token, a cross-site write). */
export const refuse = (code: GovernanceError['code'], message: string) => errorResponse(new GovernanceError(code, message));
