import { GovernanceError, type PublicContext } from '@shepherd/governance';
import { answer } from '@shepherd/governance/eol/public-resources';
import { jsonRepresentation, representation } from '@shepherd/governance/eol/representation';
import { servePublic } from './http';

// Read-only JSON answers of the planning API, served through the public cache like the EOL API:
// computed once per data version and day, ETag/304 and CORS included.

export function publicJson(request: Request, key: string, compute: (context: PublicContext) => Promise<unknown>): Promise<Response> {
  return servePublic(request, key, (context) => answer(async () => jsonRepresentation(await compute(context), null)));
}

export function publicText(request: Request, key: string, contentType: string, compute: (context: PublicContext) => Promise<string>): Promise<Response> {
  return servePublic(request, key, (context) => answer(async () => representation(await compute(context), contentType, null)));
}

/** A JSON error answer for requests outside the cache (bodies that fail validation, and the like). */
export async function errorResponse(error: unknown): Promise<Response> {
  const entry = await answer(() => Promise.reject(error));
  const retryAfter = error instanceof GovernanceError ? error.details?.retryAfter : undefined;
  return new Response(entry.body, { status: entry.status, headers: { 'Content-Type': entry.contentType, ...(retryAfter ? { 'Retry-After': String(retryAfter) } : {}) } });
}
