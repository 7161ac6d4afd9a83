import { GovernanceError, HTTP_STATUS, type PublicContext } from '@shepherd/governance';
import { errorRepresentation, jsonRepresentation, representation } from '@shepherd/governance/eol/representation';
import { servePublic } from './http';

// Read-only JSON answers of the planning API, served through the public cache like the EOL API:
// computed once per data version and day, ETag/304 and CORS included.

function represent(error: unknown) {
  if (error instanceof GovernanceError) return errorRepresentation(HTTP_STATUS[error.code], error.code, error.message, error.details);
  throw error;
}

export function publicJson(request: Request, key: string, compute: (context: PublicContext) => Promise<unknown>): Promise<Response> {
  return servePublic(request, key, async (context) => {
    try {
      return jsonRepresentation(await compute(context), null);
    } catch (error) {
      return represent(error);
    }
  });
}

export function publicText(request: Request, key: string, contentType: string, compute: (context: PublicContext) => Promise<string>): Promise<Response> {
  return servePublic(request, key, async (context) => {
    try {
      return representation(await compute(context), contentType, null);
    } catch (error) {
      return represent(error);
    }
  });
}

/** A JSON error answer for requests outside the cache (bodies that fail validation, and the like). */
export function errorResponse(error: unknown): Response {
  const entry = represent(error);
  return new Response(entry.body, { status: entry.status, headers: { 'Content-Type': entry.contentType } });
}
